/**
 * Physical memory: sparse 4 KiB pages backed on first write under a budget of real bytes
 * ({@link org.dmasim.engine.memory.SparseBytes}, {@link org.dmasim.engine.memory.MemoryBudget}),
 * the top-down page allocator with its zones ({@link org.dmasim.engine.memory.PageAllocator},
 * {@link org.dmasim.engine.memory.Gfp}), the kmalloc caches ({@link org.dmasim.engine.memory.Slab}),
 * vmalloc areas and shmem objects built page by page, and the CPU views over them.
 */
package org.dmasim.engine.memory;
