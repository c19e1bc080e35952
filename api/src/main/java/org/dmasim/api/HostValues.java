package org.dmasim.api;

import java.lang.reflect.Array;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.dmasim.interpreter.eval.Printer;
import org.dmasim.interpreter.eval.Value;

/**
 * Values crossing between the host and a script's globals. Into the script they go as {@code .dma}
 * literals (so a session replays them and {@code :save} writes them like any entry); out of it,
 * plain values become Java values and machine objects their printed description.
 */
final class HostValues {
    private static final Pattern NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");

    private HostValues() {
    }

    /** Whether {@code name} can name a global ({@code let name = ...}). */
    static boolean isName(String name) {
        return name != null && NAME.matcher(name).matches();
    }

    /** The {@code .dma} literal of a host value, or an {@link IllegalArgumentException} naming what dmasim takes. */
    static String literal(Object value) {
        StringBuilder b = new StringBuilder();
        literal(value, b);
        return b.toString();
    }

    private static void literal(Object value, StringBuilder b) {
        switch (value) {
            case null -> b.append("null");
            case Boolean v -> b.append(v);
            case Byte v -> integer(v, b);
            case Short v -> integer(v, b);
            case Integer v -> integer(v, b);
            case Long v -> integer(v, b);
            case BigInteger v -> {
                if (v.bitLength() > 63) {
                    throw new IllegalArgumentException("an integer beyond 64 bits: " + v);
                }
                integer(v.longValue(), b);
            }
            case Character v -> string(String.valueOf(v), b);
            case CharSequence v -> string(v.toString(), b);
            case List<?> v -> list(v, b);
            case Map<?, ?> v -> record(v, b);
            default -> {
                if (value.getClass().isArray()) {
                    List<Object> items = new ArrayList<>();
                    for (int i = 0; i < Array.getLength(value); i++) {
                        items.add(Array.get(value, i));
                    }
                    list(items, b);
                } else {
                    throw new IllegalArgumentException("dmasim takes integers, strings, booleans, null, lists and maps"
                            + " of them; got " + value.getClass().getName());
                }
            }
        }
    }

    private static void integer(long v, StringBuilder b) {
        if (v == Long.MIN_VALUE) {
            b.append("(-9223372036854775807 - 1)");
        } else if (v < 0) {
            b.append("(-").append(-v).append(')');
        } else {
            b.append(v);
        }
    }

    private static void string(String s, StringBuilder b) {
        b.append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"' -> b.append("\\\"");
                case '\\' -> b.append("\\\\");
                case '\n' -> b.append("\\n");
                case '\t' -> b.append("\\t");
                default -> {
                    if (c < 0x20 || c == 0x7f) {
                        b.append(String.format("\\x%02x", (int) c));
                    } else {
                        b.append(c);
                    }
                }
            }
        }
        b.append('"');
    }

    private static void list(List<?> items, StringBuilder b) {
        b.append('[');
        for (int i = 0; i < items.size(); i++) {
            b.append(i == 0 ? "" : ", ");
            literal(items.get(i), b);
        }
        b.append(']');
    }

    private static void record(Map<?, ?> fields, StringBuilder b) {
        b.append('{');
        boolean first = true;
        for (Map.Entry<?, ?> e : fields.entrySet()) {
            if (!(e.getKey() instanceof String key) || !isName(key)) {
                throw new IllegalArgumentException("a map's keys must be names: " + e.getKey());
            }
            b.append(first ? "" : ", ").append(key).append(": ");
            literal(e.getValue(), b);
            first = false;
        }
        b.append('}');
    }

    /**
     * A script value for the host: {@link Long}, {@link String}, {@link Boolean}, null, an unmodifiable
     * {@link List} or {@link Map} of these; anything of the machine (a device, a buffer, a mapping, a
     * function) as the text {@code print} shows for it.
     */
    static Object toJava(Value value) {
        return switch (value) {
            case Value.Int v -> v.value();
            case Value.Str v -> v.value();
            case Value.Bool v -> v.value();
            case Value.Null v -> null;
            case Value.ListValue v -> Collections.unmodifiableList(v.items().stream().map(HostValues::toJava)
                    .collect(ArrayList::new, ArrayList::add, ArrayList::addAll));
            case Value.RecordValue v -> {
                Map<String, Object> out = new LinkedHashMap<>();
                v.fields().forEach((k, x) -> out.put(k, toJava(x)));
                yield Collections.unmodifiableMap(out);
            }
            default -> Printer.describe(value);
        };
    }

    /** Whether the host sees this value as data (not a function or a builtin, which stay in the script). */
    static boolean isData(Value value) {
        return !(value instanceof Value.Function || value instanceof Value.BuiltinFunction);
    }
}
