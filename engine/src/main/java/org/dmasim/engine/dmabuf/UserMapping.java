package org.dmasim.engine.dmabuf;

import org.dmasim.engine.memory.CpuView;
import org.dmasim.engine.memory.MemoryType;

/**
 * A user-space {@code mmap}: through the dma-buf fd ({@code dma_buf_mmap_internal}), or through
 * the DRM node ({@code drm_gem_mmap}), which for an imported object forwards to the exporter.
 * Its memory type is the exporter's.
 */
public final class UserMapping extends DmaBufView {
    private final String via;

    UserMapping(DmaBuf dmabuf, CpuView backing, MemoryType type, long base, long length, String via,
            String label) {
        super(dmabuf, backing, type, base, length, label);
        this.via = via;
    }

    /** "the dma-buf fd", "the DRM node", ... */
    public String via() {
        return via;
    }
}
