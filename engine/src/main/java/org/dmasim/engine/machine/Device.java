package org.dmasim.engine.machine;

/** A declared device. Its masks may change ({@code dma_set_mask}); the rest is fixed. */
public final class Device {
    private final DeviceConfig config;
    private final boolean coherent;
    private long dmaMask;
    private long coherentDmaMask;

    public Device(DeviceConfig config, ArchProfile profile) {
        this.config = config;
        this.coherent = config.coherent() != null ? config.coherent() : profile.coherentDefault();
        this.dmaMask = bitMask(config.dmaMask());
        this.coherentDmaMask = bitMask(config.coherentDmaMask());
    }

    /** {@code DMA_BIT_MASK(n)}. */
    public static long bitMask(int bits) {
        if (bits < 1 || bits > 64) {
            throw new IllegalArgumentException("a DMA mask has 1 to 64 bits, not " + bits);
        }
        return bits == 64 ? -1L : (1L << bits) - 1;
    }

    public String name() {
        return config.name();
    }

    public DeviceConfig config() {
        return config;
    }

    /** {@code dev_is_dma_coherent()}: the device snoops the CPU caches. */
    public boolean coherent() {
        return coherent;
    }

    public long dmaMask() {
        return dmaMask;
    }

    public long coherentDmaMask() {
        return coherentDmaMask;
    }

    public void setDmaMask(long mask) {
        this.dmaMask = mask;
    }

    public void setCoherentDmaMask(long mask) {
        this.coherentDmaMask = mask;
    }

    @Override
    public String toString() {
        return name();
    }
}
