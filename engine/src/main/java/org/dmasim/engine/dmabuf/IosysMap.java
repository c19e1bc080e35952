package org.dmasim.engine.dmabuf;

import org.dmasim.engine.memory.CpuView;
import org.dmasim.engine.memory.MemoryType;

/**
 * {@code struct iosys_map} (include/linux/iosys-map.h): a kernel mapping of a buffer with
 * {@code is_iomem} saying whether it must be touched with I/O accessors ({@code memcpy_toio},
 * {@code readl}) rather than plain loads and stores.
 */
public final class IosysMap extends DmaBufView {
    private final boolean iomem;

    IosysMap(DmaBuf dmabuf, CpuView backing, MemoryType type, long base, long length, String label) {
        super(dmabuf, backing, type, base, length, label);
        this.iomem = type == MemoryType.IOMEM;
    }

    public boolean isIomem() {
        return iomem;
    }
}
