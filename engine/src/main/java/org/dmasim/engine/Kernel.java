package org.dmasim.engine;

import java.util.List;
import org.dmasim.engine.cache.ReadResult;
import org.dmasim.engine.check.Report;
import org.dmasim.engine.dma.CoherentAllocation;
import org.dmasim.engine.dma.DmaHandle;
import org.dmasim.engine.dma.Mapping;
import org.dmasim.engine.machine.ArchProfile;
import org.dmasim.engine.machine.Device;
import org.dmasim.engine.machine.DeviceConfig;
import org.dmasim.engine.machine.Direction;
import org.dmasim.engine.machine.MachineConfig;
import org.dmasim.engine.memory.Buffer;
import org.dmasim.engine.memory.CpuView;

/**
 * The facade: one method per kernel API function, with the kernel's meaning (ARCHITECTURE.md).
 * The interpreter and the polyglot bindings call only this. A call that fails leaves the machine
 * as it was; kernel-visible misuse becomes a {@link Report}, the caller's own mistakes a
 * {@link ScriptFault}.
 */
public final class Kernel {
    /** {@code DMA_MAPPING_ERROR}: {@code ~(dma_addr_t)0}. */
    public static final long DMA_MAPPING_ERROR = -1L;

    public Kernel() {
        this(ArchProfile.x86_64(), MachineConfig.defaults());
    }

    public Kernel(ArchProfile profile, MachineConfig config) {
        throw new UnsupportedOperationException("engine not built yet");
    }

    public ArchProfile profile() {
        throw new UnsupportedOperationException();
    }

    /** {@code arch NAME}: only before the first device or allocation. */
    public void setProfile(ArchProfile profile, Site site) {
        throw new UnsupportedOperationException();
    }

    public MachineConfig machineConfig() {
        throw new UnsupportedOperationException();
    }

    /** {@code machine { ... }}: only before the first device or allocation. */
    public void configure(MachineConfig config, Site site) {
        throw new UnsupportedOperationException();
    }

    public Device addDevice(DeviceConfig config, Site site) {
        throw new UnsupportedOperationException();
    }

    public List<Device> devices() {
        throw new UnsupportedOperationException();
    }

    // ---- pages

    /** {@code alloc_pages(size, gfp)}: physically contiguous, zeroed, size rounded up to pages. */
    public Buffer allocPages(long size, long gfp, Site site) {
        throw new UnsupportedOperationException();
    }

    public void freePages(Buffer buffer, Site site) {
        throw new UnsupportedOperationException();
    }

    // ---- streaming DMA (kernel/dma/mapping.c, kernel/dma/direct.c)

    /** {@code dma_map_single(dev, ptr, size, dir)} of {@code view[offset, offset+size)}. */
    public Mapping dmaMapSingle(Device dev, CpuView view, long offset, long size, Direction dir, long attrs,
            Site site) {
        throw new UnsupportedOperationException();
    }

    /** {@code dma_unmap_single(dev, addr, size, dir)}, checked like dma-debug's check_unmap. */
    public void dmaUnmapSingle(Device dev, long dmaAddr, long size, Direction dir, long attrs, Site site) {
        throw new UnsupportedOperationException();
    }

    /** {@code dma_mapping_error(dev, addr)}; marks the dma-debug entry checked. */
    public boolean dmaMappingError(Device dev, long dmaAddr, Site site) {
        throw new UnsupportedOperationException();
    }

    public void dmaSyncSingleForCpu(Device dev, long dmaAddr, long size, Direction dir, Site site) {
        throw new UnsupportedOperationException();
    }

    public void dmaSyncSingleForDevice(Device dev, long dmaAddr, long size, Direction dir, Site site) {
        throw new UnsupportedOperationException();
    }

    /** {@code dma_need_sync(dev, addr)}: not coherent, or the address is a bounce slot. */
    public boolean dmaNeedSync(Device dev, long dmaAddr) {
        throw new UnsupportedOperationException();
    }

    // ---- coherent DMA

    /** {@code dma_alloc_attrs(dev, size, attrs)}; {@code dma_alloc_coherent} is attrs 0. */
    public CoherentAllocation dmaAllocAttrs(Device dev, long size, long attrs, Site site) {
        throw new UnsupportedOperationException();
    }

    public void dmaFreeCoherent(Device dev, CoherentAllocation allocation, Site site) {
        throw new UnsupportedOperationException();
    }

    // ---- accesses

    /**
     * The CPU reads {@code view[offset, offset+length)}. A {@code judged} read is the subject of an
     * {@code expect}: it happens (it may fill the cache) but raises no STALE_READ.
     */
    public ReadResult cpuRead(CpuView view, long offset, long length, boolean judged, Site site) {
        throw new UnsupportedOperationException();
    }

    /** The CPU stores {@code pattern}, repeated, over {@code view[offset, offset+length)}. */
    public void cpuWrite(CpuView view, long offset, long length, byte[] pattern, Site site) {
        throw new UnsupportedOperationException();
    }

    /** The device reads through a DMA handle; {@code judged} as for {@link #cpuRead}. */
    public ReadResult deviceRead(Device dev, DmaHandle handle, long offset, long length, boolean judged,
            Site site) {
        throw new UnsupportedOperationException();
    }

    public void deviceWrite(Device dev, DmaHandle handle, long offset, long length, byte[] pattern, Site site) {
        throw new UnsupportedOperationException();
    }

    // ---- events the hardware may do on its own, forced to show one outcome

    public void evict(CpuView view, long offset, long length, Site site) {
        throw new UnsupportedOperationException();
    }

    public void prefetch(CpuView view, long offset, long length, Site site) {
        throw new UnsupportedOperationException();
    }

    public void writeback(CpuView view, long offset, long length, Site site) {
        throw new UnsupportedOperationException();
    }

    // ---- reports

    /** Every report so far, in order. */
    public List<Report> reports() {
        throw new UnsupportedOperationException();
    }

    /** The end of the run: pending mappings become DMA_LEAK. */
    public void finish(Site site) {
        throw new UnsupportedOperationException();
    }
}
