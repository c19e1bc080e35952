package org.dmasim.engine.dma;

import java.util.Arrays;

/**
 * The default swiotlb pool (kernel/dma/swiotlb.c): {@code IO_TLB_SIZE} 2 KiB slots, at most
 * {@code IO_TLB_SEGSIZE} 128 contiguous slots per mapping. Slots are searched from the lowest
 * index; mappings of a page or more start on a page boundary (the streaming alloc_align_mask).
 * Each allocation remembers its original address and size, as {@code io_tlb_slot} does.
 */
public final class SwiotlbPool {
    public static final int IO_TLB_SHIFT = 11;
    public static final int IO_TLB_SIZE = 1 << IO_TLB_SHIFT;
    public static final int IO_TLB_SEGSIZE = 128;

    private final long base;
    private final int nslabs;
    private final int pageSize;
    /** per slot: the original address of its allocation's first byte, or -1 when free. */
    private final long[] origAddr;
    /** per slot: first slot of its allocation. */
    private final int[] allocStart;
    /** per first slot: the allocation's size in bytes. */
    private final long[] allocSize;
    private int used;

    public SwiotlbPool(long base, long bytes, int pageSize) {
        this.base = base;
        this.nslabs = (int) (bytes >> IO_TLB_SHIFT);
        this.pageSize = pageSize;
        this.origAddr = new long[nslabs];
        this.allocStart = new int[nslabs];
        this.allocSize = new long[nslabs];
        Arrays.fill(origAddr, -1L);
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

    public boolean contains(long phys) {
        return phys >= base && phys < base + bytes();
    }

    /** The slots a mapping of {@code size} bytes takes. */
    public static int slotsFor(long size) {
        return (int) Math.max(1, (size + IO_TLB_SIZE - 1) >> IO_TLB_SHIFT);
    }

    /** {@code swiotlb_max_mapping_size}: 256 KiB. */
    public static long maxMappingSize() {
        return (long) IO_TLB_SIZE * IO_TLB_SEGSIZE;
    }

    /** {@code swiotlb_tbl_map_single}'s search: the slot address, or -1 when the pool is full. */
    public long allocate(long orig, long size) {
        int n = slotsFor(size);
        if (n > IO_TLB_SEGSIZE) {
            return -1;
        }
        int stride = size >= pageSize ? Math.max(1, pageSize / IO_TLB_SIZE) : 1;
        for (int i = 0; i + n <= nslabs; i += stride) {
            // slots are grouped in IO_TLB_SEGSIZE segments; an allocation never crosses one
            if (i % IO_TLB_SEGSIZE + n > IO_TLB_SEGSIZE) {
                continue;
            }
            if (free(i, n)) {
                for (int k = i; k < i + n; k++) {
                    origAddr[k] = orig + ((long) (k - i) << IO_TLB_SHIFT);
                    allocStart[k] = i;
                }
                allocSize[i] = size;
                used += n;
                return base + ((long) i << IO_TLB_SHIFT);
            }
        }
        return -1;
    }

    /** {@code swiotlb_release_slots}. */
    public void release(long slot) {
        int first = allocStart[index(slot)];
        int n = slotsFor(allocSize[first]);
        for (int k = first; k < first + n; k++) {
            origAddr[k] = -1;
        }
        used -= n;
    }

    /** The original address a slot byte bounces, or -1 when the slot is free. */
    public long origOf(long phys) {
        int i = index(phys);
        return origAddr[i] < 0 ? -1 : origAddr[i] + (phys & (IO_TLB_SIZE - 1));
    }

    /** Bytes of the allocation from {@code phys} to its end (what a bounce may copy). */
    public long remaining(long phys) {
        int first = allocStart[index(phys)];
        long start = base + ((long) first << IO_TLB_SHIFT);
        return allocSize[first] - (phys - start);
    }

    /** The allocation size recorded for the allocation holding {@code phys}. */
    public long allocationSize(long phys) {
        return allocSize[allocStart[index(phys)]];
    }

    private boolean free(int from, int n) {
        for (int k = from; k < from + n; k++) {
            if (origAddr[k] >= 0) {
                return false;
            }
        }
        return true;
    }

    private int index(long phys) {
        return (int) ((phys - base) >> IO_TLB_SHIFT);
    }
}
