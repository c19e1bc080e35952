package org.dmasim.polyglot;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.dmasim.interpreter.eval.Value;
import org.graalvm.polyglot.proxy.ProxyArray;

/**
 * Values across the border: guest numbers, BigInts, strings, booleans, arrays and objects become
 * script {@link Value}s; dmasim objects passed back unwrap to the value they wrap. The other way,
 * integers, strings and booleans become guest primitives and engine objects are wrapped.
 */
final class Conversions {
    private static final BigInteger TWO_64 = BigInteger.ONE.shiftLeft(64);

    private final Host host;

    Conversions(Host host) {
        this.host = host;
    }

    Value toValue(org.graalvm.polyglot.Value g) {
        if (g == null || g.isNull()) {
            return Value.Null.NULL;
        }
        if (g.isProxyObject() && g.asProxyObject() instanceof Wrapped w) {
            return w.value();
        }
        if (g.isBoolean()) {
            return Value.Bool.of(g.asBoolean());
        }
        if (g.isNumber()) {
            if (g.fitsInLong()) {
                return new Value.Int(g.asLong());
            }
            if (g.fitsInBigInteger()) {
                BigInteger b = g.asBigInteger();
                if (b.signum() >= 0 && b.compareTo(TWO_64) < 0) {
                    return new Value.Int(b.longValue());
                }
                throw new GuestError(b + " does not fit in 64 bits");
            }
            throw new GuestError(g + " is not an integer: dmasim takes whole numbers (sizes, addresses, bytes)");
        }
        if (g.isString()) {
            return new Value.Str(g.asString());
        }
        if (g.hasArrayElements()) {
            List<Value> items = new ArrayList<>();
            for (long i = 0; i < g.getArraySize(); i++) {
                items.add(toValue(g.getArrayElement(i)));
            }
            return new Value.ListValue(items);
        }
        Map<String, org.graalvm.polyglot.Value> entries = entries(g);
        if (entries != null) {
            Map<String, Value> fields = new LinkedHashMap<>();
            entries.forEach((k, v) -> fields.put(k, toValue(v)));
            return new Value.RecordValue(fields);
        }
        throw new GuestError("dmasim cannot take " + describe(g));
    }

    /** The entries of a plain guest object (JS object, Python dict), or null when it is none. */
    static Map<String, org.graalvm.polyglot.Value> entries(org.graalvm.polyglot.Value g) {
        if (g.isProxyObject() || g.canExecute() || g.isHostObject() || g.hasArrayElements() || g.isString()
                || g.isNumber() || g.isBoolean() || g.isNull()) {
            return null;
        }
        Map<String, org.graalvm.polyglot.Value> out = new LinkedHashMap<>();
        if (g.hasHashEntries()) {
            org.graalvm.polyglot.Value it = g.getHashKeysIterator();
            while (it.hasIteratorNextElement()) {
                org.graalvm.polyglot.Value k = it.getIteratorNextElement();
                if (!k.isString()) {
                    throw new GuestError("keyword names must be strings, not " + k);
                }
                out.put(k.asString(), g.getHashValue(k));
            }
            return out;
        }
        if (g.hasMembers() && !g.hasIterator()) {
            for (String k : g.getMemberKeys()) {
                out.put(k, g.getMember(k));
            }
            return out;
        }
        return null;
    }

    private static String describe(org.graalvm.polyglot.Value g) {
        String meta = g.getMetaObject() == null ? "this value" : "a " + g.getMetaObject().getMetaSimpleName();
        return meta + " (" + g + ")";
    }

    Object toGuest(Value v) {
        return switch (v) {
            // .dma integers are unsigned 64-bit: from 2^63 up (a 64-bit dma_mask, DMA_MAPPING_ERROR) a
            // guest gets the exact value (a JavaScript BigInt, a Python int), not a negative number
            case Value.Int i -> i.value() >= 0 ? (Object) i.value() : new BigInteger(Long.toUnsignedString(i.value()));
            case Value.Str s -> s.value();
            case Value.Bool b -> b.value();
            case Value.Null n -> null;
            case Value.ListValue l -> {
                Object[] items = new Object[l.items().size()];
                for (int k = 0; k < items.length; k++) {
                    items[k] = toGuest(l.items().get(k));
                }
                yield ProxyArray.fromArray(items);
            }
            case Value.DeviceValue d -> new DeviceObject(host, d);
            case Value.Outcomes o -> new OutcomesObject(host, o);
            default -> new Wrapped(host, v);
        };
    }
}
