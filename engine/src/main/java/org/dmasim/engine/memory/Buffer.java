package org.dmasim.engine.memory;

/**
 * Memory the script allocated ({@code alloc_pages}, later kmalloc, vmalloc, shmem, ...), seen
 * by the CPU through the kernel linear map (cacheable). The engine builds the concrete kinds.
 */
public interface Buffer extends CpuView {
    /** Physical address of the first byte. */
    long physBase();

    boolean freed();
}
