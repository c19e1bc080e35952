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

    /** The name the script gave it, or a description such as {@code buffer@0x1000}. */
    String label();

    void setLabel(String label);
}
