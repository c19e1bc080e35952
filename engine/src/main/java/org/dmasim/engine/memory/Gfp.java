package org.dmasim.engine.memory;

/**
 * The gfp flags scripts pass, with the kernel's bit values (include/linux/gfp_types.h).
 * Only the zone modifiers matter to placement: {@code ___GFP_DMA}, {@code ___GFP_DMA32};
 * {@code ___GFP_HIGHMEM} means nothing on 64-bit (no highmem zone).
 */
public final class Gfp {
    public static final long ___GFP_DMA = 0x01;
    public static final long ___GFP_HIGHMEM = 0x02;
    public static final long ___GFP_DMA32 = 0x04;
    /** {@code __GFP_RECLAIM | __GFP_IO | __GFP_FS}. */
    public static final long GFP_KERNEL = 0xcc0;
    /** {@code __GFP_HARDWALL}. */
    public static final long ___GFP_HARDWALL = 0x100000;
    public static final long GFP_USER = GFP_KERNEL | ___GFP_HARDWALL;
    public static final long GFP_DMA = ___GFP_DMA;
    public static final long GFP_DMA32 = ___GFP_DMA32;
    public static final long GFP_HIGHUSER = GFP_USER | ___GFP_HIGHMEM;

    private Gfp() {
    }

    /** The zone a request may be served from, as the highest address (exclusive) it may use. */
    public static Zone zone(long gfp) {
        if ((gfp & ___GFP_DMA) != 0) {
            return Zone.DMA;
        }
        if ((gfp & ___GFP_DMA32) != 0) {
            return Zone.DMA32;
        }
        return Zone.NORMAL;
    }
}
