package org.dmasim.engine.dmabuf;

import java.util.List;
import org.dmasim.engine.Units;
import org.dmasim.engine.memory.Buffer;
import org.dmasim.engine.memory.MemoryType;
import org.dmasim.engine.memory.PageBuffer;

/**
 * The pages of a system-heap dma-buf (drivers/dma-buf/heaps/system_heap.c): chunks of order 8,
 * 4 and 0 (1 MiB, 64 KiB, 4 KiB), largest first, each physically contiguous, together one
 * virtually contiguous buffer seen through the linear map. Also the system pages a VRAM buffer
 * migrates to.
 */
public final class HeapBuffer implements Buffer {
    private final List<PageBuffer> chunks;
    private final long[] starts;
    private final long size;
    private String label;

    public HeapBuffer(List<PageBuffer> chunks, long size) {
        this.chunks = List.copyOf(chunks);
        this.starts = new long[chunks.size()];
        long at = 0;
        for (int i = 0; i < chunks.size(); i++) {
            starts[i] = at;
            at += chunks.get(i).size();
        }
        this.size = size;
        this.label = "heap@" + Units.hex(physBase());
    }

    public List<PageBuffer> chunks() {
        return chunks;
    }

    @Override
    public long physBase() {
        return chunks.get(0).physBase();
    }

    @Override
    public boolean freed() {
        return chunks.get(0).freed();
    }

    @Override
    public long size() {
        return size;
    }

    @Override
    public MemoryType memoryType() {
        return MemoryType.CACHED;
    }

    private int chunkOf(long offset) {
        int lo = 0;
        int hi = starts.length - 1;
        while (lo < hi) {
            int mid = (lo + hi + 1) >>> 1;
            if (starts[mid] <= offset) {
                lo = mid;
            } else {
                hi = mid - 1;
            }
        }
        return lo;
    }

    @Override
    public long phys(long offset) {
        int c = chunkOf(offset);
        return chunks.get(c).physBase() + offset - starts[c];
    }

    @Override
    public long contiguousFrom(long offset) {
        int c = chunkOf(offset);
        return Math.min(size, starts[c] + chunks.get(c).size()) - offset;
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
