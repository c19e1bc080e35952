package org.dmasim.engine.machine;

/**
 * {@code machine { ram, ram_base, swiotlb }} (docs/semantics.md, "The machine").
 *
 * @param memoryBudget the most real bytes that may back emulated memory; exceeding it is a
 *     {@link org.dmasim.engine.ScriptFault}, never an OutOfMemoryError
 */
public record MachineConfig(long ram, long ramBase, long swiotlb, long memoryBudget) {
    public static final long DEFAULT_RAM = 8L << 30;
    public static final long DEFAULT_SWIOTLB = 64L << 20;
    public static final long DEFAULT_BUDGET = 2L << 30;

    public static MachineConfig defaults() {
        return new MachineConfig(DEFAULT_RAM, 0, DEFAULT_SWIOTLB, DEFAULT_BUDGET);
    }

    public MachineConfig withRam(long value) {
        return new MachineConfig(value, ramBase, swiotlb, memoryBudget);
    }

    public MachineConfig withRamBase(long value) {
        return new MachineConfig(ram, value, swiotlb, memoryBudget);
    }

    public MachineConfig withSwiotlb(long value) {
        return new MachineConfig(ram, ramBase, value, memoryBudget);
    }

    public MachineConfig withMemoryBudget(long value) {
        return new MachineConfig(ram, ramBase, swiotlb, value);
    }
}
