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
        String pciSwitch,
        DmaParms parms) {

    public DeviceConfig {
        if (parms == null) {
            parms = DmaParms.defaults();
        }
    }

    /** The declaration without {@code dma_parms} properties (the kernel's defaults). */
    public DeviceConfig(String name, int dmaMask, int coherentDmaMask, Boolean coherent, boolean iommu, long dmaOffset,
            boolean swiotlbForce, boolean p2p, long vram, String driver, boolean mapWc, String vramFallback,
            String pciSwitch) {
        this(name, dmaMask, coherentDmaMask, coherent, iommu, dmaOffset, swiotlbForce, p2p, vram, driver, mapWc,
                vramFallback, pciSwitch, DmaParms.defaults());
    }

    /** A device with every property at its default. */
    public static DeviceConfig named(String name) {
        return new DeviceConfig(name, 32, 32, null, false, 0, false, false, 0, null, false, "migrate", null);
    }

    public DeviceConfig withParms(DmaParms value) {
        return new DeviceConfig(name, dmaMask, coherentDmaMask, coherent, iommu, dmaOffset, swiotlbForce, p2p, vram,
                driver, mapWc, vramFallback, pciSwitch, value);
    }
}
