/**
 * Physical memory: sparse 4 KiB pages backed on first write under a budget of real bytes
 * ({@link org.dmasim.engine.memory.SparseBytes}, {@link org.dmasim.engine.memory.MemoryBudget}),
 * the top-down page allocator with its zones ({@link org.dmasim.engine.memory.PageAllocator},
 * {@link org.dmasim.engine.memory.Gfp}), and the CPU views over them.
 */
package org.dmasim.engine.memory;
