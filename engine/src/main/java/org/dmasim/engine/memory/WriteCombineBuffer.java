package org.dmasim.engine.memory;

import java.util.ArrayList;
import java.util.List;
import org.dmasim.engine.cache.AccessKind;
import org.dmasim.engine.cache.Alternative;
import org.dmasim.engine.cache.CacheDomain;
import org.dmasim.engine.cache.ReadResult;
import org.dmasim.engine.cache.Segment;
import org.dmasim.engine.cache.Witness;

/**
 * The CPU's write-combining buffer: stores through a write-combined
 * view are posted, so a device does not see them until a {@code wmb()}, an uncached access or a
 * sync drains the buffer. A CPU read through any view drains it first, so the CPU sees its own
 * stores. The shadow records a posted store at once (it is the latest value in program order);
 * DRAM gets it only when drained, which is how a device read before the drain comes out stale.
 */
public final class WriteCombineBuffer {
    private record Posted(long phys, long length, byte[] pattern, long patternStart, String witness, String site) {
    }

    private final List<Posted> pending = new ArrayList<>();

    public void post(long phys, long length, byte[] pattern, long patternStart, String witness, String site) {
        pending.add(new Posted(phys, length, pattern.clone(), patternStart, witness, site));
    }

    public boolean isEmpty() {
        return pending.isEmpty();
    }

    public boolean overlaps(long phys, long length) {
        for (Posted p : pending) {
            if (p.phys < phys + length && phys < p.phys + p.length) {
                return true;
            }
        }
        return false;
    }

    /**
     * {@code base} (the bytes of {@code [phys, phys+length)} in DRAM) with the posted stores laid over
     * it in order: what a device reads once the buffer has drained, which it may do at any moment.
     */
    public byte[] drained(long phys, int length, byte[] base) {
        byte[] out = base.clone();
        for (Posted p : pending) {
            long from = Math.max(phys, p.phys);
            long to = Math.min(phys + length, p.phys + p.length);
            for (long a = from; a < to; a++) {
                long k = a - p.phys + p.patternStart;
                out[(int) (a - phys)] = p.pattern[(int) (k % p.pattern.length)];
            }
        }
        return out;
    }

    /** The witness of the last posted store to {@code [phys, phys+length)}, or null. */
    public String lastWitness(long phys, long length) {
        for (int i = pending.size() - 1; i >= 0; i--) {
            Posted p = pending.get(i);
            if (p.phys < phys + length && phys < p.phys + p.length) {
                return p.witness;
            }
        }
        return null;
    }

    /**
     * What a device reading {@code [phys, phys+length)} may see while write-combined stores to it are
     * posted: a write-combining buffer drains at any moment, wmb() only guarantees that it has
     * (Documentation/memory-barriers.txt), so both what DRAM holds and the drained bytes are outcomes.
     */
    public ReadResult deviceSees(long phys, ReadResult inDram) {
        if (pending.isEmpty() || !inDram.isCertain() || !overlaps(phys, inDram.length())) {
            return inDram;
        }
        int n = Math.toIntExact(inDram.length());
        byte[] old = inDram.certainValue();
        byte[] drained = drained(phys, n, old);
        if (java.util.Arrays.equals(old, drained)) {
            return inDram;
        }
        String posted = lastWitness(phys, n);
        Alternative before = inDram.segments().get(0).alternatives().get(0);
        String was = inDram.segments().size() == 1 ? before.witness().text() : "what memory holds";
        return new ReadResult(n, List.of(new Segment(0, n, List.of(
                new Alternative(old, new Witness(was + ", the " + posted + " still posted"),
                        true),
                new Alternative(drained, new Witness(posted + ", drained early (a"
                        + " write-combining buffer may drain at any moment before wmb())"), false)))));
    }

    /** Writes every posted store to DRAM, in order; {@code why} names what drained it. */
    public void drain(CacheDomain cache, String why) {
        if (pending.isEmpty()) {
            return;
        }
        List<Posted> all = List.copyOf(pending);
        pending.clear();
        for (Posted p : all) {
            cache.write(AccessKind.CPU_UNCACHED, p.phys, p.length, p.pattern, p.patternStart,
                    p.witness + ", drained by " + why, p.site);
        }
    }
}
