package org.dmasim.engine.memory;

/**
 * A buffer on the kernel stack of the current task (a local array in a driver function). With
 * {@code CONFIG_VMAP_STACK} the stack is vmalloc memory, single pages wherever the allocator found
 * them (kernel/fork.c alloc_thread_stack_node), so {@code dma_map_single} refuses it like any
 * vmalloc address; without it the stack is one block of the linear map. Either way dma-debug's
 * {@code check_for_stack} reports a map of it (kernel/dma/debug.c). It lives as long as the run.
 */
public final class StackBuffer extends PhysRange implements Buffer {
    private final long[] stackPages;
    private final int pageSize;
    private final long stackOffset;
    private final boolean vmapped;

    /**
     * @param stackPages the stack's pages, lowest address first (consecutive frames without VMAP_STACK)
     * @param stackOffset where the buffer starts within the stack
     */
    public StackBuffer(long[] stackPages, int pageSize, long stackOffset, long size, boolean vmapped) {
        super(stackPages[(int) (stackOffset / pageSize)] + stackOffset % pageSize, size, "stack+0x"
                + Long.toHexString(stackOffset));
        this.stackPages = stackPages.clone();
        this.pageSize = pageSize;
        this.stackOffset = stackOffset;
        this.vmapped = vmapped;
    }

    /** Whether the stack is vmalloc memory ({@code CONFIG_VMAP_STACK}). */
    public boolean vmapped() {
        return vmapped;
    }

    /** Where byte {@code offset} lies within the task's stack ({@code current->stack + ...}). */
    public long stackOffset(long offset) {
        return stackOffset + offset;
    }

    @Override
    public long physBase() {
        return base;
    }

    @Override
    public boolean freed() {
        return false;
    }

    @Override
    public MemoryType memoryType() {
        return MemoryType.CACHED;
    }

    @Override
    public long phys(long offset) {
        long at = stackOffset + offset;
        return stackPages[(int) (at / pageSize)] + at % pageSize;
    }

    @Override
    public long contiguousFrom(long offset) {
        long end = offset;
        while (end < size) {
            long at = stackOffset + end;
            long pageEnd = Math.min(size, end + pageSize - at % pageSize);
            if (end > offset && phys(end) != phys(end - 1) + 1) {
                break;
            }
            end = pageEnd;
        }
        return end - offset;
    }
}
