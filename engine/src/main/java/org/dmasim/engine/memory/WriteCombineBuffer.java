package org.dmasim.engine.memory;

import java.util.ArrayList;
import java.util.List;
import org.dmasim.engine.cache.AccessKind;
import org.dmasim.engine.cache.CacheDomain;

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
