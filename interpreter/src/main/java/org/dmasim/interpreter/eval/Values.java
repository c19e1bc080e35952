package org.dmasim.interpreter.eval;

import java.nio.charset.StandardCharsets;
import org.dmasim.engine.dma.DmaHandle;
import org.dmasim.engine.memory.CpuView;
import org.dmasim.interpreter.builtins.CallError;
import org.dmasim.interpreter.builtins.HandleRange;
import org.dmasim.interpreter.builtins.ViewRange;

/**
 * Conversions from script values to what the engine takes: integers, truth, view and handle
 * ranges, bytes to write. A refusal is a {@link CallError} naming the parameter (or null).
 */
public final class Values {
    private Values() {
    }

    /** An integer; a DMA handle stands for its bus address (docs/reference.md). */
    public static long toLong(Value v, String parameter) {
        return switch (v) {
            case Value.Int i -> i.value();
            case Value.Handle h -> h.handle().dmaAddress();
            case Value.Bool b -> b.value() ? 1 : 0;
            case Value.Outcomes o -> ReadForks.integer(o, parameter);
            default -> throw new CallError(parameter,
                    (parameter == null ? "expected" : "'" + parameter + "' must be") + " an integer, not " + v.typeName(),
                    null);
        };
    }

    public static boolean truthy(Value v, String parameter) {
        return switch (v) {
            case Value.Bool b -> b.value();
            case Value.Int i -> i.value() != 0;
            case Value.Null n -> false;
            case Value.Outcomes o -> throw new CallError(parameter,
                    "a read has a set of outcomes, not a truth value",
                    "compare it: cpu reads buf[0..64] == 0x5A");
            default -> true;
        };
    }

    public static ViewRange toViewRange(Value v, String parameter) {
        return switch (v) {
            case Value.View view -> new ViewRange(view.view(), 0, view.view().size());
            case Value.Slice s when s.base() instanceof Value.View view ->
                    new ViewRange(view.view(), s.offset(), s.length());
            case Value.Coherent c when c.allocation().cpu() != null ->
                    throw new CallError(parameter, "a coherent allocation has two sides",
                            "use its CPU side, .cpu, or its DMA side, .dma");
            default -> throw new CallError(parameter,
                    (parameter == null ? "expected" : "'" + parameter + "' must be") + " a buffer or CPU view, not "
                            + v.typeName(), null);
        };
    }

    public static HandleRange toHandleRange(Value v, String parameter) {
        return switch (v) {
            case Value.Handle h -> new HandleRange(h.handle(), h.handle().dmaAddress(), 0, h.handle().size());
            // a device's own VRAM buffer is also what that device accesses (docs/language.md, "Memory access")
            case Value.View view when view.view() instanceof DmaHandle h -> new HandleRange(h, h.dmaAddress(), 0, h.size());
            case Value.Slice s when s.base() instanceof Value.View view && view.view() instanceof DmaHandle h ->
                    new HandleRange(h, h.dmaAddress() + s.offset(), s.offset(), s.length());
            case Value.Slice s when s.base() instanceof Value.Handle h ->
                    new HandleRange(h.handle(), h.handle().dmaAddress() + s.offset(), s.offset(), s.length());
            case Value.Int i -> new HandleRange(null, i.value(), 0, 0);
            case Value.Coherent c -> throw new CallError(parameter, "a coherent allocation has two sides",
                    "use its DMA side, .dma");
            default -> throw new CallError(parameter,
                    (parameter == null ? "expected" : "'" + parameter + "' must be") + " a DMA handle, not "
                            + v.typeName(), null);
        };
    }

    /** The handle object of a value that must be one (no plain bus address). */
    public static DmaHandle toHandle(Value v, String parameter) {
        HandleRange r = toHandleRange(v, parameter);
        if (r.handle() == null) {
            throw new CallError(parameter, "a device accesses memory through a DMA handle, not a plain number",
                    "map the buffer first: let m = dma_map_single(dev, buf, dir)");
        }
        return r.handle();
    }

    public static CpuView toView(Value v, String parameter) {
        return toViewRange(v, parameter).view();
    }

    /**
     * The bytes a value writes, repeated to fill {@code length}: a byte 0..255, a string, a list
     * of bytes, or {@code u32}/{@code u64}/{@code pattern} (docs/language.md, "Memory access").
     */
    public static byte[] toBytes(Value v, long length, org.dmasim.engine.Kernel kernel) {
        return switch (v) {
            case Value.Int i -> {
                if (i.value() < 0 || i.value() > 255) {
                    throw new CallError(null, "a single written value is a byte 0..255, not " + Long.toUnsignedString(i.value()),
                            "write wider values with u32(x) or u64(x)");
                }
                yield new byte[] {(byte) i.value()};
            }
            case Value.Str s -> nonEmpty(s.value().getBytes(StandardCharsets.UTF_8));
            case Value.ListValue l -> {
                byte[] out = new byte[l.items().size()];
                for (int k = 0; k < out.length; k++) {
                    long b = toLong(l.items().get(k), null);
                    if (b < 0 || b > 255) {
                        throw new CallError(null, "list element " + k + " is not a byte 0..255", null);
                    }
                    out[k] = (byte) b;
                }
                yield nonEmpty(out);
            }
            case Value.Bytes b when b.stream() -> {
                // the stream is made whole in the heap: it must fit beside what the machine holds
                kernel.requireWrittenValue(length);
                yield PatternStream.generate(b.seed(), length, kernel.pulse());
            }
            case Value.Bytes b -> b.data();
            case Value.Bool b -> new byte[] {(byte) (b.value() ? 1 : 0)};
            default -> throw new CallError(null, "cannot write " + v.typeName(),
                    "write a byte, a string, a list of bytes, u32(x), u64(x) or pattern(seed)");
        };
    }

    /** The natural length of a written value (1, the string's, the list's, 4, 8). */
    public static long naturalLength(Value v) {
        return switch (v) {
            case Value.Str s -> s.value().getBytes(StandardCharsets.UTF_8).length;
            case Value.ListValue l -> l.items().size();
            case Value.Bytes b when !b.stream() -> b.data().length;
            default -> 1;
        };
    }

    private static byte[] nonEmpty(byte[] bytes) {
        if (bytes.length == 0) {
            throw new CallError(null, "cannot write an empty value", null);
        }
        return bytes;
    }
}
