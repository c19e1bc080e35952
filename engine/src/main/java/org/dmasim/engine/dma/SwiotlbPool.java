package org.dmasim.engine.dma;

import java.util.Arrays;

/**
 * The default swiotlb pool (kernel/dma/swiotlb.c): {@code IO_TLB_SIZE} 2 KiB slots in
 * {@code IO_TLB_SEGSIZE} segments of 128 (an allocation never crosses one), split into areas
 * (one per possible CPU, rounded to a power of two, each at least a segment long). A search
 * starts in the current CPU's area at that area's hint and moves on from the last allocation
 * ({@code swiotlb_search_pool_area}: next fit, not first fit), honouring the device's
 * {@code min_align_mask} (the low bits of the original address are kept in the slot: NVMe),
 * page alignment for streaming mappings of a page or more when there is no min_align_mask, and
 * the device's segment boundary ({@code iommu_is_span_boundary}). The engine runs on CPU 0.
 * Each allocation remembers its original address, size and in-slot offset, as {@code io_tlb_slot}
 * does.
 */
public final class SwiotlbPool {
    public static final int IO_TLB_SHIFT = 11;
    public static final int IO_TLB_SIZE = 1 << IO_TLB_SHIFT;
    public static final int IO_TLB_SEGSIZE = 128;

    private final long base;
    private final int nslabs;
    private final int pageSize;
    private final int nareas;
    private final int areaNslabs;
    /** per area: where the next search starts ({@code area->index}) and the slots in use. */
    private final int[] areaIndex;
    private final int[] areaUsed;
    /** per slot: the original address its first byte stands for, or -1 when free. */
    private final long[] origAddr;
    /** per slot: first slot of its allocation. */
    private final int[] allocStart;
    /** per first slot: the mapping's size in bytes, and the offset of its first byte in the slot. */
    private final long[] allocSize;
    private final int[] allocOffset;
    private int used;

    public SwiotlbPool(long base, long bytes, int pageSize) {
        this(base, bytes, pageSize, 1);
    }

    /** @param cpus possible CPUs: the areas are {@code roundup_pow_of_two(cpus)}, fewer if the pool is small */
    public SwiotlbPool(long base, long bytes, int pageSize, int cpus) {
        this.base = base;
        this.nslabs = (int) (bytes >> IO_TLB_SHIFT);
        this.pageSize = pageSize;
        this.nareas = areas(nslabs, cpus);
        this.areaNslabs = nslabs / nareas;
        this.areaIndex = new int[nareas];
        this.areaUsed = new int[nareas];
        this.origAddr = new long[nslabs];
        this.allocStart = new int[nslabs];
        this.allocSize = new long[nslabs];
        this.allocOffset = new int[nslabs];
        Arrays.fill(origAddr, -1L);
    }

    /** swiotlb_adjust_nareas + limit_nareas: a power of two, and every area at least one segment. */
    static int areas(int nslabs, int cpus) {
        int n = Integer.highestOneBit(Math.max(1, cpus));
        if (n < cpus) {
            n <<= 1;
        }
        if (nslabs < n * IO_TLB_SEGSIZE) {
            n = Math.max(1, Integer.highestOneBit(Math.max(1, nslabs / IO_TLB_SEGSIZE)));
        }
        return n;
    }

    public long base() {
        return base;
    }

    public long bytes() {
        return (long) nslabs << IO_TLB_SHIFT;
    }

    public int totalSlots() {
        return nslabs;
    }

    public int usedSlots() {
        return used;
    }

    public int areas() {
        return nareas;
    }

    public boolean contains(long phys) {
        return phys >= base && phys < base + bytes();
    }

    /** The slots {@code size} bytes take. */
    public static int slotsFor(long size) {
        return (int) Math.max(1, (size + IO_TLB_SIZE - 1) >> IO_TLB_SHIFT);
    }

    /** {@code swiotlb_max_mapping_size}: 256 KiB. */
    public static long maxMappingSize() {
        return maxMappingSize(0);
    }

    /** {@code swiotlb_max_mapping_size(dev)}: 256 KiB less the slots min_align_mask may skip. */
    public static long maxMappingSize(long minAlignMask) {
        long minAlign = minAlignMask == 0 ? 0 : (minAlignMask + IO_TLB_SIZE - 1) / IO_TLB_SIZE * IO_TLB_SIZE;
        return (long) IO_TLB_SIZE * IO_TLB_SEGSIZE - minAlign;
    }

    /** {@link #allocate(long, long, long, long, long)} with no min_align_mask and no boundary. */
    public long allocate(long orig, long size) {
        return allocate(orig, size, 0, -1L, base);
    }

    /**
     * {@code swiotlb_tbl_map_single}'s search for a streaming mapping ({@code alloc_align_mask}
     * 0): the address the device uses (the slot plus the kept low bits of {@code orig}), or -1
     * when no area has room.
     *
     * @param minAlignMask {@code dma_get_min_align_mask(dev)}
     * @param boundaryMask {@code dma_get_seg_boundary(dev)}
     * @param busBase {@code phys_to_dma_unencrypted(dev, pool->start)}: the pool's bus address
     */
    public long allocate(long orig, long size, long minAlignMask, long boundaryMask, long busBase) {
        // swiotlb_align_offset(dev, 0, orig): the bits of orig below a slot that min_align_mask keeps
        int offset = (int) (orig & minAlignMask & (IO_TLB_SIZE - 1));
        long total = size + offset;
        if (total > (long) IO_TLB_SEGSIZE * IO_TLB_SIZE) {
            return -1;
        }
        int n = slotsFor(total);
        long allocAlign = 0;
        long iotlbAlign = minAlignMask;
        if (iotlbAlign == 0 && total >= pageSize) {
            allocAlign = pageSize - 1;
        }
        allocAlign |= IO_TLB_SIZE - 1;
        iotlbAlign &= ~allocAlign;
        long stride = maxSlots(Math.max(allocAlign, iotlbAlign));
        long tbl = busBase & boundaryMask;
        long maxSlots = maxSlots(boundaryMask);
        long shift = (tbl + IO_TLB_SIZE - 1) >>> IO_TLB_SHIFT;
        for (int a = 0; a < nareas; a++) {
            int found = searchArea(a, orig, n, allocAlign, iotlbAlign, stride, tbl, maxSlots, shift);
            if (found >= 0) {
                for (int k = found; k < found + n; k++) {
                    origAddr[k] = orig - offset + ((long) (k - found) << IO_TLB_SHIFT);
                    allocStart[k] = found;
                }
                allocSize[found] = size;
                allocOffset[found] = offset;
                areaUsed[a] += n;
                used += n;
                return base + ((long) found << IO_TLB_SHIFT) + offset;
            }
        }
        return -1;
    }

    /** {@code swiotlb_search_pool_area}: the first slot of a fit in area {@code a}, or -1. */
    private int searchArea(int a, long orig, int n, long allocAlign, long iotlbAlign, long stride, long tbl,
            long maxSlots, long shift) {
        if (n > areaNslabs - areaUsed[a]) {
            return -1;
        }
        int slotBase = a * areaNslabs;
        int index = areaIndex[a];
        for (long checked = 0; checked < areaNslabs; ) {
            int slot = slotBase + index;
            long tlb = tbl + ((long) slot << IO_TLB_SHIFT);
            if ((tlb & allocAlign) != 0 || (orig != 0 && (tlb & iotlbAlign) != (orig & iotlbAlign))) {
                index = wrap(index + 1);
                checked++;
                continue;
            }
            if (!spansBoundary(slot, n, shift, maxSlots) && freeRun(slot, n)) {
                areaIndex[a] = wrap(index + n);
                return slot;
            }
            index = wrap((int) Math.min(areaNslabs, index + stride));
            checked += stride;
        }
        return -1;
    }

    /** {@code wrap_area_index}. */
    private int wrap(int index) {
        return index >= areaNslabs ? 0 : index;
    }

    /** {@code get_max_slots(mask)}: how many slots fit in {@code mask + 1} bytes (no overflow at ~0). */
    private static long maxSlots(long mask) {
        return (mask >>> IO_TLB_SHIFT) + 1;
    }

    /** {@code iommu_is_span_boundary(index, nr, shift, boundary_size)}. */
    private static boolean spansBoundary(long index, long nr, long shift, long boundarySize) {
        long s = (shift + index) & (boundarySize - 1);
        return s + nr > boundarySize;
    }

    /** {@code slots[slot].list >= n}: n free slots from {@code slot} within its 128-slot segment. */
    private boolean freeRun(int slot, int n) {
        if (slot % IO_TLB_SEGSIZE + n > IO_TLB_SEGSIZE || slot + n > nslabs) {
            return false;
        }
        for (int k = slot; k < slot + n; k++) {
            if (origAddr[k] >= 0) {
                return false;
            }
        }
        return true;
    }

    /** {@code swiotlb_release_slots} of the allocation holding {@code tlbAddr}. */
    public void release(long tlbAddr) {
        int first = allocStart[index(tlbAddr)];
        int n = slotsFor(allocSize[first] + allocOffset[first]);
        for (int k = first; k < first + n; k++) {
            origAddr[k] = -1;
        }
        areaUsed[first / areaNslabs] -= n;
        used -= n;
    }

    /** The original address a slot byte bounces, or -1 when the slot is free. */
    public long origOf(long phys) {
        int i = index(phys);
        return origAddr[i] < 0 ? -1 : origAddr[i] + (phys & (IO_TLB_SIZE - 1));
    }

    /**
     * Bytes of the mapping from {@code tlbAddr} to its end: what {@code swiotlb_bounce} may copy
     * and what its "Buffer overflow detected. Allocation size: %zu" prints.
     */
    public long remaining(long tlbAddr) {
        int first = allocStart[index(tlbAddr)];
        long start = base + ((long) first << IO_TLB_SHIFT) + allocOffset[first];
        return allocSize[first] - (tlbAddr - start);
    }

    /** The mapping size recorded for the allocation holding {@code phys}. */
    public long allocationSize(long phys) {
        return allocSize[allocStart[index(phys)]];
    }

    private int index(long phys) {
        return (int) ((phys - base) >> IO_TLB_SHIFT);
    }
}
