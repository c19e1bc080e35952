package org.dmasim.interpreter.builtins;

import org.dmasim.engine.Kernel;
import org.dmasim.engine.dma.CoherentAllocation;
import org.dmasim.engine.dma.DmaAttrs;
import org.dmasim.engine.dma.NoncoherentBuffer;
import org.dmasim.engine.machine.Device;
import org.dmasim.engine.machine.Direction;
import org.dmasim.interpreter.eval.Value;

/**
 * The DRM GEM DMA helpers' object lifetime (drivers/gpu/drm/drm_gem_dma_helper.c), composed of the
 * DMA API calls the helpers make; its dma-buf export is the {@code cma} exporter.
 */
final class GemDma {
    private GemDma() {
    }

    /**
     * drm_gem_dma_create(): size = round_up(size, PAGE_SIZE); with dma_obj->map_noncoherent,
     * dma_alloc_noncoherent(drm->dev, size, &dma_addr, DMA_TO_DEVICE, ...), else dma_alloc_wc().
     */
    static Value create(CallContext ctx, Arguments args) {
        Kernel k = ctx.kernel();
        Device dev = args.device("dev");
        long size = args.integer("size");
        if (size <= 0) {
            throw new CallError("size", "drm_gem_dma_create of " + size + " bytes", "give a size of at least 1");
        }
        long page = k.profile().pageSize();
        long rounded = (size + page - 1) / page * page;
        CoherentAllocation c = args.bool("map_noncoherent")
                ? k.dmaAllocNoncoherent(dev, rounded, Direction.DMA_TO_DEVICE, ctx.site())
                : k.dmaAllocAttrs(dev, rounded, DmaAttrs.DMA_ATTR_WRITE_COMBINE, ctx.site());
        return c == null ? Value.Null.NULL : new Value.Coherent(c);
    }

    /**
     * drm_gem_dma_free() of a native object: dma_free_noncoherent(dev, size, vaddr, dma_addr,
     * DMA_TO_DEVICE) with map_noncoherent, else dma_free_wc(dev, size, vaddr, dma_addr).
     */
    static Value free(CallContext ctx, Arguments args) {
        CoherentAllocation c = args.coherent("obj");
        Device dev = c.dma().device();
        ctx.kernel().dmaBuf().gemFree(c, "drm_gem_dma_free of " + c.dma().label(), ctx.site());
        if (c instanceof NoncoherentBuffer) {
            ctx.kernel().dmaFreeNoncoherent(dev, c, ctx.site());
        } else {
            ctx.kernel().dmaFreeCoherent(dev, c, ctx.site());
        }
        return Value.Null.NULL;
    }
}
