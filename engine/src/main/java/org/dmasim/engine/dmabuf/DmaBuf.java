package org.dmasim.engine.dmabuf;

import java.util.ArrayList;
import java.util.List;
import org.dmasim.engine.Units;
import org.dmasim.engine.dma.CoherentAllocation;
import org.dmasim.engine.machine.Device;
import org.dmasim.engine.memory.CpuView;
import org.dmasim.engine.sync.DmaResv;

/**
 * {@code struct dma_buf} (include/linux/dma-buf.h): the shared buffer, its exporter's behaviour,
 * the file reference count, the attachments, the vmap counter, and whether user space is inside
 * a {@code DMA_BUF_IOCTL_SYNC} START/END bracket, and its reservation object.
 */
public final class DmaBuf implements Named {
    private final Exporter exporter;
    private final Device exportingDevice;
    private final CpuView backing;
    private final CoherentAllocation coherent;
    private final List<Attachment> attachments = new ArrayList<>();
    private final List<Integer> fds = new ArrayList<>();
    private final DmaResv resv = new DmaResv();
    private int refs = 1;
    private boolean released;
    private int vmapCount;
    /** Pins taken by dynamic importers with dma_buf_pin (the exporter's pin count). */
    private int pins;
    private IosysMap vmap;
    private boolean cpuAccessOpen;
    private int cpuAccessEpoch;
    private String label;

    DmaBuf(Exporter exporter, Device exportingDevice, CpuView backing, CoherentAllocation coherent) {
        this.exporter = exporter;
        this.exportingDevice = exportingDevice;
        this.backing = backing;
        this.coherent = coherent;
        this.label = "dmabuf@" + Units.hex(backing.phys(0));
    }

    public Exporter exporter() {
        return exporter;
    }

    /** The exporting device, or null for a heap. */
    public Device exportingDevice() {
        return exportingDevice;
    }

    /** The memory behind it: a GEM object's buffer, heap pages, VRAM, a coherent allocation's pages. */
    public CpuView backing() {
        return backing;
    }

    /** The coherent allocation a {@code cma} export came from, or null. */
    public CoherentAllocation coherent() {
        return coherent;
    }

    public long size() {
        return backing.size();
    }

    /**
     * {@code dmabuf->resv}: dma-buf.c dma_buf_export() embeds one unless the exporter passes its
     * own (a GEM object's, which is then shared with the dma-buf: one per object either way).
     */
    public DmaResv resv() {
        return resv;
    }

    public List<Attachment> attachments() {
        return attachments;
    }

    public List<Integer> fds() {
        return fds;
    }

    public int refs() {
        return refs;
    }

    void get() {
        refs++;
    }

    /** Drops one reference; true when it was the last. */
    boolean put() {
        refs--;
        return refs == 0;
    }

    public boolean released() {
        return released;
    }

    void release() {
        released = true;
    }

    public int vmapCount() {
        return vmapCount;
    }

    /** How many dma_buf_pin calls of dynamic importers are not yet undone. */
    public int pins() {
        return pins;
    }

    void pinned(int delta) {
        pins += delta;
    }

    IosysMap vmap() {
        return vmap;
    }

    void vmapped(IosysMap map) {
        vmap = map;
        vmapCount++;
    }

    /** Drops one vmap reference; true when the mapping goes away. */
    boolean vunmapped() {
        vmapCount--;
        if (vmapCount == 0) {
            vmap.unmap();
            vmap = null;
            return true;
        }
        return false;
    }

    public boolean cpuAccessOpen() {
        return cpuAccessOpen;
    }

    int cpuAccessEpoch() {
        return cpuAccessEpoch;
    }

    void beginCpuAccess() {
        cpuAccessOpen = true;
    }

    void endCpuAccess() {
        cpuAccessOpen = false;
        cpuAccessEpoch++;
    }

    @Override
    public String label() {
        return label;
    }

    @Override
    public void setLabel(String label) {
        this.label = label;
    }

    @Override
    public String toString() {
        return label;
    }
}
