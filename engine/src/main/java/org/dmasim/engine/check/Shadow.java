package org.dmasim.engine.check;

import org.dmasim.engine.footprint.Footprint;
import org.dmasim.engine.memory.MemoryBudget;
import org.dmasim.engine.memory.SparseBytes;

/**
 * The oracle (docs/semantics.md, "Reports"): the latest value written to each byte in program order, keyed
 * by the physical address of the buffer it belongs to. CPU writes, device writes (attributed to
 * the original buffer even when bounced) and allocation zeroing write it; bounce copies and
 * write-backs move data and never do.
 */
public final class Shadow {
    private final SparseBytes bytes;
    /** Writes note their lines: which write was the latest decides what a read is judged against. */
    private final Footprint footprint;

    public Shadow(MemoryBudget budget) {
        this(budget, null);
    }

    public Shadow(MemoryBudget budget, Footprint footprint) {
        this.bytes = new SparseBytes(budget, "the shadow");
        this.footprint = footprint;
    }

    private void touched(long phys, long length) {
        if (footprint != null) {
            footprint.bytes(phys, length, true);
        }
    }

    public void requireBacking(long phys, long length) {
        bytes.requireBacking(phys, length);
    }

    public void write(long phys, long length, byte[] pattern, long patternStart) {
        touched(phys, length);
        bytes.fill(phys, length, pattern, patternStart);
    }

    public void zero(long phys, long length) {
        touched(phys, length);
        bytes.zero(phys, length);
    }

    /** Whether {@code data[at, at+length)} holds the latest bytes of {@code [phys, phys+length)}. */
    public boolean matches(long phys, byte[] data, int at, int length) {
        return bytes.equalsRange(phys, data, at, length);
    }

    /** Whether {@code memory} holds the very page arrays of the shadow over the range (so equal bytes). */
    public boolean sharesPages(SparseBytes memory, long phys, int length) {
        return bytes.sharesPages(memory, phys, length);
    }

    /** Whether the latest bytes of the page holding {@code phys} repeat every {@code period} bytes. */
    public boolean periodicPage(long phys, int period) {
        return bytes.periodicPage(phys, period);
    }

    public byte[] read(long phys, int length) {
        return bytes.read(phys, length);
    }
}
