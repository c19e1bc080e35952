package org.dmasim.engine.machine;

import org.dmasim.engine.memory.MemoryBudget;

/**
 * {@code machine { ram, ram_base, swiotlb, zone_dma, cpus, noncoherent_cache_ops }} (docs/semantics.md,
 * "The machine").
 *
 * @param memoryBudget the most real bytes that may back emulated memory; exceeding it is a
 *     {@link org.dmasim.engine.ScriptFault}, never an OutOfMemoryError
 * @param zoneDma the firmware's DMA limit on arm64 (the lowest dma-ranges limit of the device
 *     tree or IORT: 1 GiB on a Raspberry Pi 4); 0 for the profile's ZONE_DMA
 * @param cpus possible CPUs: the swiotlb pool has one area per CPU (rounded up to a power of two)
 * @param noncoherentCacheOps riscv64: the platform has cache-management operations (Zicbom or a
 *     vendor's); without them {@code dma_get_cache_alignment()} is 1 and a non-coherent device
 *     gets no maintenance (arch/riscv/mm/dma-noncoherent.c riscv_set_dma_cache_alignment)
 */
public record MachineConfig(long ram, long ramBase, long swiotlb, long memoryBudget, long zoneDma, int cpus,
        boolean noncoherentCacheOps) {
    public static final long DEFAULT_RAM = 8L << 30;
    public static final long DEFAULT_SWIOTLB = 64L << 20;
    public static final long DEFAULT_BUDGET = 2L << 30;

    public MachineConfig(long ram, long ramBase, long swiotlb, long memoryBudget) {
        this(ram, ramBase, swiotlb, memoryBudget, 0, 1, true);
    }

    /** The default budget, or less where the JVM's heap could not back it ({@link MemoryBudget#heapCap}). */
    public static MachineConfig defaults() {
        return new MachineConfig(DEFAULT_RAM, 0, DEFAULT_SWIOTLB, Math.min(DEFAULT_BUDGET, MemoryBudget.heapCap()));
    }

    public MachineConfig withRam(long value) {
        return new MachineConfig(value, ramBase, swiotlb, memoryBudget, zoneDma, cpus, noncoherentCacheOps);
    }

    public MachineConfig withRamBase(long value) {
        return new MachineConfig(ram, value, swiotlb, memoryBudget, zoneDma, cpus, noncoherentCacheOps);
    }

    public MachineConfig withSwiotlb(long value) {
        return new MachineConfig(ram, ramBase, value, memoryBudget, zoneDma, cpus, noncoherentCacheOps);
    }

    public MachineConfig withMemoryBudget(long value) {
        return new MachineConfig(ram, ramBase, swiotlb, value, zoneDma, cpus, noncoherentCacheOps);
    }

    public MachineConfig withZoneDma(long value) {
        return new MachineConfig(ram, ramBase, swiotlb, memoryBudget, value, cpus, noncoherentCacheOps);
    }

    public MachineConfig withCpus(int value) {
        return new MachineConfig(ram, ramBase, swiotlb, memoryBudget, zoneDma, value, noncoherentCacheOps);
    }

    public MachineConfig withNoncoherentCacheOps(boolean value) {
        return new MachineConfig(ram, ramBase, swiotlb, memoryBudget, zoneDma, cpus, value);
    }
}
