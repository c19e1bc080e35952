package org.dmasim.engine.cache;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * A restriction of one read to some of its outcomes: for the segment starting at a given offset
 * of the read, the values it may return. A read under a filter first keeps, on each restricted
 * line, only the configurations that yield an allowed value (lines are independent, so this is
 * exact), then reads. An explorer uses it to follow one branch of a condition on a read with the
 * cache in exactly the states that give that branch's value. Offsets without an entry are free.
 */
public final class ReadFilter {
    /** Restricts nothing. */
    public static final ReadFilter NONE = new ReadFilter(new TreeMap<>());

    private final TreeMap<Long, List<byte[]>> allowed;

    private ReadFilter(TreeMap<Long, List<byte[]>> allowed) {
        this.allowed = allowed;
    }

    /** The segment starting at {@code offset} of the read may return only {@code values}. */
    public static ReadFilter of(long offset, List<byte[]> values) {
        TreeMap<Long, List<byte[]>> m = new TreeMap<>();
        m.put(offset, List.copyOf(values));
        return new ReadFilter(m);
    }

    /** Both restrictions at once (on a segment restricted by both: the values both allow). */
    public ReadFilter and(ReadFilter other) {
        TreeMap<Long, List<byte[]>> m = new TreeMap<>(allowed);
        for (Map.Entry<Long, List<byte[]>> e : other.allowed.entrySet()) {
            m.merge(e.getKey(), e.getValue(), ReadFilter::intersect);
        }
        return new ReadFilter(m);
    }

    public boolean isEmpty() {
        return allowed.isEmpty();
    }

    /** The values allowed for the segment starting at {@code offset}, or null when it is free. */
    public List<byte[]> allowed(long offset) {
        return allowed.get(offset);
    }

    /** Whether some restricted segment starts in {@code [from, to)}. */
    boolean restrictsWithin(long from, long to) {
        Long k = allowed.ceilingKey(from);
        return k != null && k < to;
    }

    /** The same restriction for a read starting {@code delta} bytes further into this one. */
    ReadFilter shifted(long delta) {
        if (delta == 0 || allowed.isEmpty()) {
            return this;
        }
        TreeMap<Long, List<byte[]>> m = new TreeMap<>();
        allowed.forEach((k, v) -> m.put(k - delta, v));
        return new ReadFilter(m);
    }

    /** Whether {@code value} is allowed for the segment at {@code offset}. */
    static boolean allows(List<byte[]> values, byte[] value) {
        for (byte[] v : values) {
            if (Arrays.equals(v, value)) {
                return true;
            }
        }
        return false;
    }

    private static List<byte[]> intersect(List<byte[]> a, List<byte[]> b) {
        List<byte[]> out = new ArrayList<>();
        for (byte[] v : a) {
            if (allows(b, v)) {
                out.add(v);
            }
        }
        return Collections.unmodifiableList(out);
    }

    @Override
    public String toString() {
        StringBuilder b = new StringBuilder("ReadFilter[");
        allowed.forEach((k, v) -> b.append(k).append(": ").append(v.size()).append(" value(s) "));
        return b.append(']').toString();
    }
}
