package org.dmasim.engine.machine;

/**
 * The properties of a {@code device} declaration (docs/language.md, "Declarations"). A null {@code coherent}
 * means "the arch profile's default".
 */
public record DeviceConfig(
        String name,
        int dmaMask,
        int coherentDmaMask,
        Boolean coherent,
        boolean iommu,
        long dmaOffset,
        boolean swiotlbForce,
        boolean p2p,
        long vram,
        String driver,
        boolean mapWc,
        String vramFallback,
        String pciSwitch) {

    /** A device with every property at its default. */
    public static DeviceConfig named(String name) {
        return new DeviceConfig(name, 32, 32, null, false, 0, false, false, 0, null, false, "migrate", null);
    }
}
