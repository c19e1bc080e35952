package org.dmasim.engine.check;

import org.dmasim.engine.cache.Origins;
import org.dmasim.engine.footprint.Footprint;
import org.dmasim.engine.memory.MemoryBudget;
import org.dmasim.engine.memory.SparseBytes;

/**
 * The oracle (docs/semantics.md, "Reports"): the latest value written to each byte in program order, keyed
 * by the physical address of the buffer it belongs to, and who wrote it. CPU writes, device writes
 * (attributed to the original buffer even when bounced) and allocation zeroing write it; bounce
 * copies and write-backs move data and never do.
 */
public final class Shadow {
    private final SparseBytes bytes;
    private final Origins writers = new Origins();
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

    /** The bytes a write of the range would add to the shadow (see {@link SparseBytes#missing}). */
    public long missing(long phys, long length) {
        return bytes.missing(phys, length);
    }

    /** {@code writer} names the write, with its site: {@code CPU write at 7:1}, {@code write by nic at 8:1}. */
    public void write(long phys, long length, byte[] pattern, long patternStart, String writer) {
        touched(phys, length);
        bytes.fill(phys, length, pattern, patternStart);
        writers.set(phys, phys + length, writer);
    }

    public void zero(long phys, long length, String writer) {
        touched(phys, length);
        bytes.zero(phys, length);
        writers.set(phys, phys + length, writer);
    }

    /** The latest value of {@code [from, from+length)} moves to {@code to} with its writers (a buffer migrates). */
    public void move(long from, long to, int length, String how) {
        touched(to, length);
        bytes.fill(to, length, bytes.read(from, length), 0);
        for (long p = from; p < from + length; ) {
            long e = Math.min(from + length, writers.runEnd(p));
            writers.set(to + (p - from), to + (e - from), writers.at(p) + ", " + how);
            p = e;
        }
    }

    /** Who wrote the latest value of the byte at {@code phys}. */
    public String writer(long phys) {
        return writers.at(phys);
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
