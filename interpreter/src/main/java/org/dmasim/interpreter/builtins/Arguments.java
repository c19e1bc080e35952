package org.dmasim.interpreter.builtins;

import java.util.Map;
import org.dmasim.engine.dma.CoherentAllocation;
import org.dmasim.engine.dma.DmaHandle;
import org.dmasim.engine.machine.Device;
import org.dmasim.engine.machine.Direction;
import org.dmasim.interpreter.eval.Value;
import org.dmasim.interpreter.eval.Values;

/**
 * A call's arguments, bound to parameter names and checked against their types. Held as two
 * arrays (a builtin has a handful of parameters; a scan is cheaper than a map per call).
 */
public final class Arguments {
    private final String[] names;
    private final Value[] values;

    public Arguments(Map<String, Value> values) {
        this.names = values.keySet().toArray(String[]::new);
        this.values = new Value[names.length];
        for (int i = 0; i < names.length; i++) {
            this.values[i] = java.util.Objects.requireNonNull(values.get(names[i]));
        }
    }

    /** {@code values[i]} bound to parameter {@code names[i]}, null where the parameter is absent. */
    Arguments(String[] names, Value[] values) {
        this.names = names;
        this.values = values;
    }

    private Value find(String name) {
        // the builtins ask by the literal their declaration names the parameter with: the same String
        String[] n = names;
        for (int i = 0; i < n.length; i++) {
            if (n[i] == name) {
                return values[i];
            }
        }
        return findEqual(name);
    }

    /** {@link #find} of a name that is not the declaration's String (out of line: find stays small enough to inline). */
    private Value findEqual(String name) {
        for (int i = 0; i < names.length; i++) {
            if (names[i].equals(name)) {
                return values[i];
            }
        }
        return null;
    }

    /** Whether the caller passed (or a default supplied) this parameter. */
    public boolean has(String name) {
        return find(name) != null;
    }

    public Value value(String name) {
        Value v = find(name);
        if (v == null) {
            throw new CallError(name, "missing argument '" + name + "'", null);
        }
        return v;
    }

    public long integer(String name) {
        return Values.toLong(value(name), name);
    }

    public int intInRange(String name, int lo, int hi) {
        long v = integer(name);
        if (v < lo || v > hi) {
            throw new CallError(name, "'" + name + "' must be " + lo + ".." + hi + ", not " + v, null);
        }
        return (int) v;
    }

    public boolean bool(String name) {
        return Values.truthy(value(name), name);
    }

    public String string(String name) {
        if (value(name) instanceof Value.Str s) {
            return s.value();
        }
        throw wrongType(name, "a string");
    }

    public Device device(String name) {
        if (value(name) instanceof Value.DeviceValue d) {
            return d.device();
        }
        throw wrongType(name, "a device");
    }

    public Direction direction(String name) {
        long v = integer(name);
        if (v < 0 || v > 3) {
            throw new CallError(name, v + " is not a DMA direction", "use DMA_TO_DEVICE, DMA_FROM_DEVICE or DMA_BIDIRECTIONAL");
        }
        return Direction.of(v);
    }

    public ViewRange view(String name) {
        return Values.toViewRange(value(name), name);
    }

    public HandleRange handle(String name) {
        return Values.toHandleRange(value(name), name);
    }

    /** {@code handle(name).address()}, without the range for a mapping itself (the common case). */
    public long address(String name) {
        return value(name) instanceof Value.Handle h ? h.handle().dmaAddress() : handle(name).address();
    }

    /** The handle object itself, or null for a plain bus address. */
    public DmaHandle handleObject(String name) {
        return handle(name).handle();
    }

    public CoherentAllocation coherent(String name) {
        if (value(name) instanceof Value.Coherent c) {
            return c.allocation();
        }
        throw wrongType(name, "a coherent allocation (the result of dma_alloc_coherent)");
    }

    public CallError wrongType(String name, String expected) {
        return new CallError(name, "'" + name + "' must be " + expected + ", not " + value(name).typeName(), null);
    }
}
