package org.dmasim.engine.dmabuf;

import org.dmasim.engine.ScriptFault;
import org.dmasim.engine.Site;
import org.dmasim.engine.dma.CoherentAllocation;
import org.dmasim.engine.machine.Device;
import org.dmasim.engine.machine.Direction;
import org.dmasim.engine.memory.CpuView;
import org.dmasim.engine.memory.MemoryType;

/**
 * DRM PRIME (drivers/gpu/drm/drm_prime.c): importing one's own export
 * gives back the same GEM object with no attachment; a foreign import is a static attachment
 * mapped DMA_BIDIRECTIONAL for the object's lifetime; an imported object's mmap and vmap are
 * forwarded to the exporter (seed 002).
 */
public final class DrmPrime {
    private final DmaBufLayer layer;

    DrmPrime(DmaBufLayer layer) {
        this.layer = layer;
    }

    /**
     * {@code drm_gem_prime_import(dev, dma_buf)} of the dma-buf behind {@code fd}: the GEM object
     * (a buffer, a coherent allocation, or a {@link GemObject} for a foreign import), or the errno.
     */
    public Ret<Object> drmGemPrimeImport(Device dev, int fd, Site site) {
        Ret<DmaBuf> got = layer.dmaBufGet(fd, site);
        if (got.failed()) {
            return Ret.err(got.errno());
        }
        DmaBuf b = got.value();
        if (b.exporter().gem() && b.exportingDevice() == dev) {
            // "Importing dmabuf exported from our own gem increases refcount on gem itself
            // instead of f_count of dmabuf."
            layer.dmaBufPut(b, site);
            return Ret.ok(b.coherent() != null ? b.coherent() : b.backing());
        }
        Ret<Attachment> a = layer.dmaBufAttach(b, dev, false, false, site);
        if (a.failed()) {
            layer.dmaBufPut(b, site);
            return Ret.err(a.errno());
        }
        Ret<SgTable> sgt = layer.dmaBufMapAttachment(a.value(), Direction.DMA_BIDIRECTIONAL, site);
        if (sgt.failed()) {
            layer.dmaBufDetach(b, a.value(), site);
            layer.dmaBufPut(b, site);
            return Ret.err(sgt.errno());
        }
        return Ret.ok(new GemObject(dev, b, a.value(), sgt.value()));
    }

    /**
     * {@code mmap} through the DRM node: an imported object forwards to {@code dma_buf_mmap}
     * (the exporter's memory type, a dma-buf mapping); a native object uses its driver's own mmap.
     */
    public Ret<UserMapping> drmGemMmap(Object obj, Site site) {
        if (obj instanceof GemObject g) {
            if (!layer.alive(g.dmabuf(), "drm_gem_mmap", site)) {
                return Ret.err(Errno.EINVAL);
            }
            return layer.dmaBufMmap(g.dmabuf(), 0, -1, "the DRM node, forwarded to the exporter", site);
        }
        CpuView view = native_(obj);
        DmaBuf b = layer.exportOf(obj);
        MemoryType type = b != null ? b.exporter().mmapType(b) : ownType(obj, view, false);
        return Ret.ok(new UserMapping(null, view, type, 0, view.size(), "the DRM node",
                "DRM mmap of " + view.label()));
    }

    /** {@code drm_gem_vmap}: forwarded to {@code dma_buf_vmap} for an import; else the driver's vmap. */
    public Ret<IosysMap> drmGemVmap(Object obj, Site site) {
        if (obj instanceof GemObject g) {
            return layer.dmaBufVmap(g.dmabuf(), site);
        }
        CpuView view = native_(obj);
        DmaBuf b = layer.exportOf(obj);
        MemoryType type = b != null ? b.exporter().vmapType(b) : ownType(obj, view, true);
        return Ret.ok(new IosysMap(null, view, type, 0, view.size(), "vmap of " + view.label()));
    }

    private static CpuView native_(Object obj) {
        if (obj instanceof CoherentAllocation c) {
            if (c.cpu() == null) {
                throw new ScriptFault("a DMA_ATTR_NO_KERNEL_MAPPING allocation has no CPU view to map");
            }
            return c.cpu();
        }
        if (obj instanceof CpuView v) {
            return v;
        }
        throw new ScriptFault("not a GEM object: " + obj);
    }

    private static MemoryType ownType(Object obj, CpuView view, boolean kernel) {
        if (view instanceof VramBuffer v && v.inVram()) {
            return kernel ? MemoryType.IOMEM : MemoryType.WRITE_COMBINE;
        }
        return obj instanceof CoherentAllocation ? view.memoryType() : MemoryType.CACHED;
    }
}
