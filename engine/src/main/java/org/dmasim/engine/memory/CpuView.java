package org.dmasim.engine.memory;

/**
 * Something the CPU reads and writes through: a buffer seen through the kernel linear map,
 * the CPU side of a coherent allocation, a vmap, a user mmap. Bytes are addressed by offset;
 * the view says which physical address backs each one and with which memory type.
 */
public interface CpuView {
    long size();

    MemoryType memoryType();

    /** Physical address of the byte at {@code offset} ({@code 0 <= offset < size}). */
    long phys(long offset);

    /** How many bytes from {@code offset} on are physically contiguous (at least 1). */
    long contiguousFrom(long offset);

    /**
     * Makes every page of {@code [offset, offset+length)} present before a call touches them, after
     * checking that all of them can be (check, then act): pages that come at first touch (a shmem
     * object's) would otherwise fail half-way, after the first ones were faulted in and zeroed.
     * Nothing to do for memory that is always present.
     */
    default void faultIn(long offset, long length) {
    }

    /** The name the script gave it, or a description such as {@code buffer@0x1000}. */
    String label();

    void setLabel(String label);
}
