package org.dmasim.interpreter.eval;

import java.util.ArrayList;
import java.util.List;
import org.dmasim.engine.cache.Alternative;
import org.dmasim.engine.cache.ReadFilter;
import org.dmasim.engine.cache.ReadResult;
import org.dmasim.engine.cache.Segment;
import org.dmasim.interpreter.builtins.CallError;

/**
 * One certain answer from a read's outcome set, or a fork (docs/concurrency.md). Partitions are
 * lazy: only the first segment that matters is split, so a comparison costs at most one
 * execution per mixed line plus one.
 */
final class ReadForks {
    private ReadForks() {
    }

    /**
     * Whether the read returned {@code pattern} (repeated): true or false when every outcome
     * agrees, else a fork of the first line whose values disagree into the matching values and
     * the others.
     */
    static boolean equalTo(Value.Outcomes o, byte[] pattern) {
        ReadResult r = o.result();
        Segment mixed = null;
        List<byte[]> matching = new ArrayList<>();
        List<byte[]> others = new ArrayList<>();
        for (Segment s : r.segments()) {
            int hits = 0;
            for (Alternative a : s.alternatives()) {
                if (matches(a.data(), s.offset(), pattern)) {
                    hits++;
                }
            }
            if (hits == 0) {
                return false;
            }
            if (hits < s.alternatives().size() && mixed == null) {
                mixed = s;
            }
        }
        if (mixed == null) {
            return true;
        }
        for (Alternative a : mixed.alternatives()) {
            (matches(a.data(), mixed.offset(), pattern) ? matching : others).add(a.data());
        }
        throw new ForkRequest(o.read(), List.of(ReadFilter.of(mixed.offset(), matching),
                ReadFilter.of(mixed.offset(), others)), "a comparison of a read with several possible values");
    }

    /**
     * The read's bytes as a little-endian unsigned integer (at most 8 bytes): certain, or a fork
     * of the first uncertain line into its values.
     */
    static long integer(Value.Outcomes o, String parameter) {
        ReadResult r = o.result();
        if (r.length() > 8) {
            throw new CallError(parameter, "a read of " + r.length() + " bytes is not an integer",
                    "read 1, 2, 4 or 8 bytes, or compare the read with a value: cpu reads buf[0..64] == 0x5A");
        }
        for (Segment s : r.segments()) {
            if (s.alternatives().size() > 1) {
                List<ReadFilter> classes = new ArrayList<>();
                for (Alternative a : s.alternatives()) {
                    classes.add(ReadFilter.of(s.offset(), List.of(a.data())));
                }
                throw new ForkRequest(o.read(), classes, "the value of a read with several possible values");
            }
        }
        byte[] b = r.certainValue();
        long v = 0;
        for (int i = b.length - 1; i >= 0; i--) {
            v = (v << 8) | (b[i] & 0xff);
        }
        return v;
    }

    private static boolean matches(byte[] data, long offset, byte[] pattern) {
        if (pattern.length == 0) {
            return data.length == 0;
        }
        for (int i = 0; i < data.length; i++) {
            if (data[i] != pattern[(int) ((offset + i) % pattern.length)]) {
                return false;
            }
        }
        return true;
    }
}
