package org.dmasim.engine.cache;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The read rows of the access table (docs/semantics.md, "The CPU cache") over every form a line is kept in: a page
 * of deterministic lines is one array copy, an overlay line gives one or two values, an
 * explicit line one value per distinct outcome.
 */
final class LineReads {
    private final int line;
    private final LineStore s;
    private final CacheDomain.Shadow shadow;
    private final org.dmasim.engine.Pulse pulse;

    LineReads(int line, LineStore store, CacheDomain.Shadow shadow, org.dmasim.engine.Pulse pulse) {
        this.line = line;
        this.s = store;
        this.shadow = shadow;
        this.pulse = pulse;
    }

    /** A read of {@code [phys, phys+length)}: every value it may return, marked stale against the shadow. */
    ReadResult read(AccessKind kind, long phys, int length, String site, ReadFilter filter) {
        SegmentBuilder out = new SegmentBuilder(shadow, phys, length);
        CacheDomain.chunks(pulse, phys, length, (a, b) -> {
            long first = a / line;
            long last = (b - 1) / line;
            boolean restricted = filter != null && filter.restrictsWithin(a - phys, b - phys);
            if (!restricted && !s.hasExplicit(s.pageOf(first)) && !s.anyOverlay(first, last)) {
                if (kind == AccessKind.CPU_CACHED && !s.speculable.test(a)) {
                    for (long l = first; l <= last; l++) {
                        s.mayBeCached.add(l);
                    }
                }
                for (long p = a; p < b; ) {
                    long e = Math.min(b, s.memOrigins.runEnd(p));
                    out.certain(s.memory, p, (int) (e - p), s.memOrigins.at(p));
                    p = e;
                }
                return;
            }
            for (long l = first; l <= last; l++) {
                long ls = l * line;
                int lo = (int) (Math.max(a, ls) - ls);
                int hi = (int) (Math.min(b, ls + line) - ls);
                List<byte[]> allowed = restricted ? filter.allowed(ls + lo - phys) : null;
                if (allowed != null) {
                    readRestricted(kind, l, lo, hi, allowed, out, site);
                } else {
                    readLine(kind, l, lo, hi, out, site);
                }
            }
        });
        return out.build(length);
    }

    /**
     * A read of one line kept to the configurations whose value over {@code [lo, hi)} is allowed:
     * the read returns exactly those values, and the line is left as the read leaves those
     * configurations, closed again under the spontaneous events that may follow it.
     */
    private void readRestricted(AccessKind kind, long l, int lo, int hi, List<byte[]> allowed, SegmentBuilder out,
            String site) {
        long ls = l * line;
        LineConfigs kept = s.materialize(l, site)
                .filter(c -> ReadFilter.allows(allowed, Arrays.copyOfRange(visible(kind, c).bytes, lo, hi)));
        if (kept.size() == 0) {
            throw new IllegalStateException("the restriction excludes every configuration of line " + l);
        }
        emit(kind, kept, lo, hi, out);
        LineConfigs after = kind == AccessKind.CPU_CACHED ? kept.map(LineConfigs::cpuReadCached) : kept;
        s.store(l, after.close(s.speculable.test(ls), "after " + site));
    }

    /** The distinct values of the line's bytes {@code [lo, hi)} over {@code configs}, each with its witness. */
    private static void emit(AccessKind kind, LineConfigs configs, int lo, int hi, SegmentBuilder out) {
        Map<LineValue, LineWitness> values = new LinkedHashMap<>();
        for (LineConfig c : configs.configs()) {
            LineValue v = visible(kind, c);
            values.putIfAbsent(new LineValue(Arrays.copyOfRange(v.bytes, lo, hi), ""), v.witness.slice(lo, hi));
        }
        if (values.size() == 1) {
            Map.Entry<LineValue, LineWitness> only = values.entrySet().iterator().next();
            out.certain(only.getKey().bytes, only.getValue());
        } else {
            out.uncertain(values);
        }
    }

    private static LineValue visible(AccessKind kind, LineConfig c) {
        return switch (kind) {
            case CPU_CACHED -> c.cpuVisible();
            case CPU_UNCACHED, DEVICE_NONCOHERENT -> c.memory();
            case DEVICE_COHERENT -> c.snooped();
        };
    }

    private void readLine(AccessKind kind, long l, int lo, int hi, SegmentBuilder out, String site) {
        long ls = l * line;
        int n = hi - lo;
        byte[] data = s.explicit.data(l);
        if (data != null) {
            emit(kind, s.explicit.shape(data), data, lo, hi, out);
            // with speculation a closed set already holds Clean(m)/m beside every Invalid/m, so the
            // read's fill changes nothing; only non-speculable lines need the update
            if (kind == AccessKind.CPU_CACHED && !s.speculable.test(ls)) {
                s.store(l, s.explicit.configs(data).map(LineConfigs::cpuReadCached).close(false, "after " + site));
            }
            return;
        }
        if (s.isDirty(l)) {
            byte[] d = s.overlay.read(ls + lo, n);
            LineWitness dw = s.overlayOrigins.of(ls + lo, n);
            if (kind == AccessKind.CPU_CACHED || kind == AccessKind.DEVICE_COHERENT) {
                out.certain(d, dw);
                return;
            }
            byte[] m = s.memory.read(ls + lo, n);
            if (Arrays.equals(m, d)) {
                out.certain(m, s.memOrigins.of(ls + lo, n));
                return;
            }
            out.uncertain(m, s.memOrigins.of(ls + lo, n), d, dw.map(w -> w + ", written back"));
            return;
        }
        if (s.isStale(l)) {
            byte[] m = s.memory.read(ls + lo, n);
            byte[] c = s.overlay.read(ls + lo, n);
            if (kind != AccessKind.CPU_CACHED || Arrays.equals(m, c)) {
                out.certain(m, s.memOrigins.of(ls + lo, n));
                return;
            }
            out.uncertain(m, s.memOrigins.of(ls + lo, n), c, s.overlayOrigins.of(ls + lo, n));
            return;
        }
        if (kind == AccessKind.CPU_CACHED && !s.speculable.test(ls)) {
            s.mayBeCached.add(l);
        }
        out.certain(s.memory.read(ls + lo, n), s.memOrigins.of(ls + lo, n));
    }

    /**
     * {@link #emit(AccessKind, LineConfigs, int, int, SegmentBuilder)} for an explicit line from its
     * compact form: the slots the read shows, each once (over part of a line, two slots may show
     * the same bytes: the first one stands for both, as the set's order has it).
     */
    private void emit(AccessKind kind, LineShape shape, byte[] data, int lo, int hi, SegmentBuilder out) {
        int[] slots = shape.visibleSlots(kind);
        LineWitness[] witnesses = shape.visibleWitnesses(kind);
        int n = hi - lo;
        byte[][] values = new byte[slots.length][];
        LineWitness[] shown = new LineWitness[slots.length];
        int k = 0;
        for (int i = 0; i < slots.length; i++) {
            int at = ExplicitLines.HEAD + slots[i] * line + lo;
            if (n < line && shownAlready(values, k, data, at, n)) {
                continue;
            }
            values[k] = Arrays.copyOfRange(data, at, at + n);
            shown[k++] = witnesses[i].slice(lo, hi);
        }
        if (k == 1) {
            out.certain(values[0], shown[0]);
        } else {
            out.uncertain(values, shown, k);
        }
    }

    private static boolean shownAlready(byte[][] values, int k, byte[] data, int at, int n) {
        for (int j = 0; j < k; j++) {
            if (Arrays.equals(values[j], 0, n, data, at, at + n)) {
                return true;
            }
        }
        return false;
    }
}
