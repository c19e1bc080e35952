package org.dmasim.engine.dma;

import java.util.ArrayList;
import java.util.List;
import org.dmasim.engine.Pulse;
import org.dmasim.engine.ScriptFault;
import org.dmasim.engine.Units;
import org.dmasim.engine.machine.Device;
import org.dmasim.engine.machine.Direction;
import org.dmasim.engine.memory.CpuView;
import org.dmasim.engine.memory.MemoryBudget;

/**
 * A {@code struct sg_table} (lib/scatterlist.c): CPU entries, each a physically contiguous range
 * of a view ({@code orig_nents}), and once mapped the DMA segments a device uses ({@code nents}).
 * A mapped table is also the handle the device accesses: its bytes are the entries' bytes in
 * order. One table carries one mapping at a time ("the sg cannot be mapped again if it has been
 * mapped once", Documentation/core-api/dma-api.rst).
 */
public final class SgTable implements DmaHandle {
    /** One CPU entry: {@code length} bytes of {@code view} from {@code offset}, physically contiguous. */
    public record Entry(CpuView view, long offset, long length) {
        public long phys() {
            return view.phys(offset);
        }
    }

    /** One DMA segment after mapping: its bus address and length, and the first entry it covers. */
    public record Segment(long dma, long length, int firstEntry) {
    }

    private final List<Entry> entries;
    private final CoherentAllocation coherentSource;
    private final long size;
    private Device device;
    private Direction direction;
    private long attrs;
    private List<StreamingMapping> mapped = List.of();
    private List<Segment> segments = List.of();
    private long iova = -1;
    private boolean live;
    private String label;

    /** What one entry of a table holds in the emulator, at most: its record and its slot in the list. */
    public static final long ENTRY_COST = 48;

    /**
     * One entry per physically contiguous run of {@code view[offset, offset+length)} (one per
     * page of a scattered buffer), beating {@code pulse} per run. The list is the caller's until it
     * becomes a table; it must fit the budget's room beside what the machine holds, checked every
     * 1024 entries, so a table over a scattered gigabyte meets the budget before the heap.
     */
    public static List<Entry> runs(CpuView view, long offset, long length, Pulse pulse, MemoryBudget budget) {
        if (offset < 0 || length <= 0 || length > view.size() - offset) {
            throw new ScriptFault(Units.range(offset, length) + " is outside " + view.label());
        }
        List<Entry> out = new ArrayList<>();
        for (long off = offset; off < offset + length; ) {
            pulse.beat();
            long n = Math.min(view.contiguousFrom(off), offset + length - off);
            out.add(new Entry(view, off, n));
            off += n;
            if ((out.size() & 1023) == 0) {
                budget.require(out.size() * ENTRY_COST, "an sg table of " + out.size() + " entries");
            }
        }
        return out;
    }

    public SgTable(List<Entry> entries, CoherentAllocation coherentSource, String label) {
        if (entries.isEmpty()) {
            throw new ScriptFault("an sg table needs at least one entry");
        }
        this.entries = List.copyOf(entries);
        this.coherentSource = coherentSource;
        this.size = entries.stream().mapToLong(Entry::length).sum();
        this.label = label;
    }

    public List<Entry> entries() {
        return entries;
    }

    /** {@code orig_nents}. */
    public int origNents() {
        return entries.size();
    }

    /** {@code nents}: DMA segments of the current mapping, 0 when not mapped. */
    public int nents() {
        return segments.size();
    }

    public List<Segment> segments() {
        return segments;
    }

    /** The per-entry mappings of the current (or, after unmap, the last) mapping. */
    public List<StreamingMapping> mappings() {
        return mapped;
    }

    /** Mapped now (between map and unmap). */
    public boolean isMapped() {
        return live;
    }

    /** The coherent allocation this table describes ({@code dma_get_sgtable}), or null. */
    public CoherentAllocation coherentSource() {
        return coherentSource;
    }

    public Direction direction() {
        return direction;
    }

    public long attrs() {
        return attrs;
    }

    /** The IOVA range start of a mapping behind an IOMMU, or -1. */
    public long iova() {
        return iova;
    }

    void setMapped(Device dev, Direction dir, long attrs, List<StreamingMapping> maps, List<Segment> segs,
            long iova) {
        this.device = dev;
        this.direction = dir;
        this.attrs = attrs;
        this.mapped = List.copyOf(maps);
        this.segments = List.copyOf(segs);
        this.iova = iova;
        this.live = true;
    }

    /** Unmapped: the segments and mappings stay readable, as the kernel leaves {@code sgt->nents}. */
    void setUnmapped() {
        this.live = false;
    }

    /** The mapped device, or null before the first mapping. */
    @Override
    public Device device() {
        return device;
    }

    /** {@code sg_dma_address} of the first segment; 0 when never mapped. */
    @Override
    public long dmaAddress() {
        return segments.isEmpty() ? 0 : segments.get(0).dma();
    }

    @Override
    public long size() {
        return size;
    }

    /** The entry holding byte {@code offset} of the table, with the offset inside it. */
    public long[] locate(long offset) {
        long at = 0;
        for (int i = 0; i < entries.size(); i++) {
            long n = entries.get(i).length();
            if (offset < at + n) {
                return new long[] {i, offset - at};
            }
            at += n;
        }
        throw new ScriptFault("byte " + offset + " is outside " + label + " (" + size + " bytes)");
    }

    /** Splits {@code [offset, offset+length)} of the table into per-entry pieces: {entry, offset, length}. */
    public List<long[]> pieces(long offset, long length) {
        List<long[]> out = new ArrayList<>();
        long off = offset;
        long end = offset + length;
        while (off < end) {
            long[] at = locate(off);
            long n = Math.min(entries.get((int) at[0]).length() - at[1], end - off);
            out.add(new long[] {at[0], at[1], n});
            off += n;
        }
        return out;
    }

    @Override
    public String label() {
        return label;
    }

    @Override
    public void setLabel(String label) {
        this.label = label;
    }

    @Override
    public String toString() {
        return label;
    }
}
