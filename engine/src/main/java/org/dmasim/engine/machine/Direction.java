package org.dmasim.engine.machine;

/** {@code enum dma_data_direction} (include/linux/dma-direction.h), with the kernel's values. */
public enum Direction {
    DMA_BIDIRECTIONAL(0),
    DMA_TO_DEVICE(1),
    DMA_FROM_DEVICE(2),
    DMA_NONE(3);

    private final int value;

    Direction(int value) {
        this.value = value;
    }

    public int value() {
        return value;
    }

    /** {@link #values()} once: it copies the array on every call, and every script call converts a direction. */
    private static final Direction[] ALL = values();

    public static Direction of(long value) {
        for (Direction d : ALL) {
            if (d.value == value) {
                return d;
            }
        }
        throw new IllegalArgumentException("not a DMA direction: " + value);
    }

    /** {@code valid_dma_direction()}: every map/unmap/sync BUG()s on anything else. */
    public boolean isValid() {
        return this != DMA_NONE;
    }

    /** The device may read memory mapped this way. */
    public boolean deviceReads() {
        return this == DMA_TO_DEVICE || this == DMA_BIDIRECTIONAL;
    }

    /** The device may write memory mapped this way. */
    public boolean deviceWrites() {
        return this == DMA_FROM_DEVICE || this == DMA_BIDIRECTIONAL;
    }
}
