package org.dmasim.engine.dmabuf;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.dmasim.engine.ScriptFault;
import org.dmasim.engine.Site;
import org.dmasim.engine.Units;
import org.dmasim.engine.cache.AccessKind;
import org.dmasim.engine.cache.ReadResult;
import org.dmasim.engine.cache.Witness;
import org.dmasim.engine.check.DebugEntry;
import org.dmasim.engine.check.ReportCode;
import org.dmasim.engine.dma.DmaHandle;
import org.dmasim.engine.dma.MemoryAccess;
import org.dmasim.engine.machine.Device;
import org.dmasim.engine.machine.Direction;
import org.dmasim.engine.machine.Machine;
import org.dmasim.engine.memory.Bar;
import org.dmasim.engine.memory.CpuView;

/**
 * Device-local memory and the accesses that reach it: each device's BAR ({@code vram}) placed
 * above RAM in declaration order, naturally aligned; {@code vram_alloc}; {@code dma_map_resource};
 * and device loads and stores through a dma-buf sg table, a resource mapping, or a device's own
 * VRAM buffer. Streaming segments are handed to {@link MemoryAccess} (its ownership, direction and
 * staleness checks); peer-to-peer and VRAM accesses go to the BAR directly, never through a cache.
 */
public final class DeviceMemory {
    private static final long MIN_BAR_ALIGN = 256L << 20;

    /** One piece of a device access: a physical range (VRAM, or pages a device owns). */
    private record Piece(long at, long length, long phys) {
    }

    private final DmaBufLayer layer;
    private final Machine m;
    private final MemoryAccess access;
    private final Map<Device, Bar> bars = new LinkedHashMap<>();
    private final List<ResourceMapping> resources = new ArrayList<>();
    private long cursor = -1;

    DeviceMemory(DmaBufLayer layer, Machine machine, MemoryAccess access) {
        this.layer = layer;
        this.m = machine;
        this.access = access;
    }

    /** The device's BAR ({@code gpu.bar}), or null without {@code vram}. */
    public Bar bar(Device dev) {
        if (dev.config().vram() <= 0) {
            return null;
        }
        if (cursor < 0) {
            cursor = alignUp(m.allocator().ramEnd(), 1L << 30);
        }
        for (Device d : m.devices()) {
            long size = d.config().vram();
            if (size > 0 && !bars.containsKey(d)) {
                long align = Math.max(MIN_BAR_ALIGN, Long.highestOneBit(size - 1) << 1);
                long base = alignUp(cursor, align);
                bars.put(d, new Bar(d.name(), base, size));
                cursor = base + size;
            }
        }
        return bars.get(dev);
    }

    private boolean inBar(long phys) {
        for (Bar b : bars.values()) {
            if (b.contains(phys)) {
                return true;
            }
        }
        return false;
    }

    /** {@code vram_alloc(dev, size)}: a buffer object in the device's VRAM; -ENOMEM when it is full. */
    public Ret<VramBuffer> vramAlloc(Device dev, long size, Site site) {
        Bar bar = bar(dev);
        if (bar == null) {
            throw new ScriptFault(dev + " has no VRAM; declare it with a size: device " + dev + " { vram: 256MiB }");
        }
        if (size <= 0) {
            throw new ScriptFault("cannot allocate " + size + " bytes");
        }
        layer.started();
        long off = bar.allocate(size, m.profile().pageSize());
        if (off < 0) {
            return Ret.err(Errno.ENOMEM);
        }
        return Ret.ok(new VramBuffer(dev, bar, off, size));
    }

    /**
     * {@code dma_map_resource(dev, phys, size, dir, attrs)}: the MMIO path of kernel/dma/direct.h
     * ({@code DMA_ATTR_MMIO}): bus address = physical address, {@code dma_capable} or
     * DMA_MAPPING_ERROR, no swiotlb, no maintenance; dma-debug type {@code phy}.
     */
    public ResourceMapping dmaMapResource(Device dev, CpuView resource, long offset, long size, Direction dir,
            long attrs, Site site) {
        if (!dir.isValid()) {
            throw new ScriptFault("kernel BUG: dma_map_resource with invalid direction " + dir);
        }
        if (size <= 0 || offset < 0 || size > resource.size() - offset) {
            throw new ScriptFault("cannot map " + Units.range(offset, size) + " of " + resource.label());
        }
        long phys = resource.phys(offset);
        ResourceMapping r;
        if (dev.config().swiotlbForce()) {
            r = new ResourceMapping(dev, resource, phys, -1, size, dir);
        } else if (Long.compareUnsigned(phys + size - 1, dev.dmaMask()) > 0) {
            m.log().add(ReportCode.DMA_ADDR_OVERFLOW, dev + ": DMA addr " + Units.hex16(phys) + "+" + size
                    + " overflow (mask " + Long.toHexString(dev.dmaMask()) + ", bus limit 0).", site,
                    "the BAR lies above what " + dev + " reaches; raise its mask with dma_set_mask()", List.of());
            r = new ResourceMapping(dev, resource, phys, -1, size, dir);
        } else {
            r = new ResourceMapping(dev, resource, phys, phys, size, dir);
            // debug_dma_map_phys with DMA_ATTR_MMIO (only for a successful map): the RAM check, then
            // an entry of type "phy" (dma_map_resource is dma_map_phys(..., DMA_ATTR_MMIO))
            if (m.allocator().isRam(phys)) {
                m.debug().report(ReportCode.DMA_MAP_RESOURCE_RAM, dev, "dma_map_resource called for RAM address "
                        + Units.hex(phys), site, "dma_map_resource is for MMIO (a peer's BAR); map RAM "
                        + "with dma_map_single/dma_map_page");
            }
            m.debug().add(new DebugEntry(dev, phys, size, dir, "phy", phys, true, true), site);
        }
        resources.add(r);
        return r;
    }

    /** {@code dma_unmap_resource}: check_unmap as type {@code phy}; nothing else to undo. */
    public void dmaUnmapResource(Device dev, long addr, long size, Direction dir, Site site) {
        if (!dir.isValid()) {
            throw new ScriptFault("kernel BUG: dma_unmap_resource with invalid direction " + dir);
        }
        m.debug().checkUnmap(dev, addr, size, dir, "phy", site,
                "dma_unmap_resource(" + dev + ", " + Units.hex(addr) + ", " + Units.size(size) + ", " + dir + ")");
        for (ResourceMapping r : resources) {
            if (r.device() == dev && !r.failed() && !r.released() && r.dmaAddress() == addr) {
                r.release();
                return;
            }
        }
    }

    // ---- device accesses

    /** Whether this service carries device accesses through {@code handle}. */
    public boolean handles(DmaHandle handle) {
        return handle instanceof SgTable || handle instanceof ResourceMapping || handle instanceof VramBuffer;
    }

    public ReadResult deviceRead(Device dev, DmaHandle handle, long offset, long length, boolean judged,
            Site site) {
        if (handle instanceof SgTable s && s.pages() != null) {
            if (usable(dev, s, " reads ", site)) {
                return access.deviceRead(dev, s.pages(), offset, length, judged, site);
            }
            return allOnes(length, "no DMA address behind " + s + " at " + site + ": the read did not happen "
                    + "(all ones)");
        }
        List<Piece> pieces = pieces(dev, handle, offset, length, false, site);
        if (pieces == null) {
            return allOnes(length, "no memory behind DMA_MAPPING_ERROR at " + site + ": the read did not happen "
                    + "(all ones)");
        }
        List<ReadResult> parts = new ArrayList<>();
        for (Piece p : pieces) {
            ReadResult r = m.writeCombining().deviceSees(p.phys(), m.cache().read(kind(dev, p.phys()), p.phys(),
                    Math.toIntExact(p.length()), site.toString()));
            if (!judged && r.hasStale()) {
                boolean posted = layer.cpu().posted(p.phys(), p.length());
                m.log().add(ReportCode.DEVICE_STALE_READ, dev + " may read stale data of " + handle.label()
                        + " (phys " + Units.hex(p.phys()) + ")", site, posted
                        ? "the CPU's write-combined stores are still posted in its write buffer: wmb() (or an "
                                + "uncached access, or a sync) before " + dev + " reads"
                        : "write the memory through the view the device reads, and sync it before the device reads",
                        List.of());
            }
            parts.add(r);
        }
        return parts.size() == 1 ? parts.get(0) : ReadResult.concat(parts);
    }

    public void deviceWrite(Device dev, DmaHandle handle, long offset, long length, byte[] pattern, Site site) {
        if (handle instanceof SgTable s && s.pages() != null) {
            if (usable(dev, s, " writes ", site)) {
                access.deviceWrite(dev, s.pages(), offset, length, pattern, site);
            }
            return;
        }
        List<Piece> pieces = pieces(dev, handle, offset, length, true, site);
        if (pieces == null) {
            return;
        }
        long need = 0;
        for (Piece p : pieces) {
            need = org.dmasim.engine.cache.CacheDomain.addCapped(need, m.shadow().missing(p.phys(), p.length()));
            need = org.dmasim.engine.cache.CacheDomain.addCapped(need,
                    m.cache().writeNeeds(kind(dev, p.phys()), p.phys(), p.length()));
        }
        m.budget().require(need, "a " + Units.size(length) + " device write");
        for (Piece p : pieces) {
            long start = p.at() - offset;
            m.cache().write(kind(dev, p.phys()), p.phys(), p.length(), pattern, start, "device write at " + site,
                    site.toString());
            m.shadow().write(p.phys(), p.length(), pattern, start, "write by " + dev + " at " + site);
        }
    }

    private AccessKind kind(Device dev, long phys) {
        return inBar(phys) || !dev.coherent() ? AccessKind.DEVICE_NONCOHERENT : AccessKind.DEVICE_COHERENT;
    }

    private ReadResult allOnes(long length, String why) {
        return ReadResult.repeating(length, new byte[] {(byte) 0xff}, 0, new Witness(why), false, m.pulse());
    }

    /** The checks of an access through a dma-buf table of pages; false when it does not happen. */
    private boolean usable(Device dev, SgTable s, String verb, Site site) {
        owner(dev, s.device(), s);
        if (s.released()) {
            m.log().add(ReportCode.USE_AFTER_FREE, dev + verb + "through " + s + " after dma_buf_unmap_attachment",
                    site, "stop the device before dma_buf_unmap_attachment()", List.of());
            return false;
        }
        return true;
    }

    /** The pieces an access covers, after its checks; null when it does not happen. */
    private List<Piece> pieces(Device dev, DmaHandle handle, long offset, long length, boolean write, Site site) {
        if (offset < 0 || length <= 0 || length > handle.size() - offset) {
            throw new ScriptFault(Units.range(offset, length) + " is outside " + handle.label() + " ("
                    + handle.size() + " bytes)");
        }
        String verb = write ? " writes " : " reads ";
        return switch (handle) {
            case SgTable s -> sgPieces(dev, s, offset, length, write, verb, site);
            case ResourceMapping r -> {
                owner(dev, r.device(), r);
                if (r.failed()) {
                    m.log().add(ReportCode.DEVICE_DMA_TO_ERROR_ADDR, dev + verb + "through " + r + ", the "
                            + "DMA_MAPPING_ERROR address of a failed dma_map_resource", site,
                            "check dma_mapping_error(" + dev + ", " + r + ") and do not start DMA on failure",
                            List.of());
                    yield null;
                }
                if (r.released()) {
                    m.log().add(ReportCode.USE_AFTER_FREE, dev + verb + "through " + r + " after "
                            + "dma_unmap_resource", site, "stop the device before dma_unmap_resource()", List.of());
                }
                direction(dev, r, r.direction(), write, verb, site);
                yield List.of(new Piece(offset, length, r.phys() + offset));
            }
            case VramBuffer v -> {
                if (v.device() != dev) {
                    throw new ScriptFault(dev + " cannot access " + v + " directly: it is " + v.device()
                            + "'s VRAM; map it for " + dev + " (dma_buf_dynamic_attach + dma_buf_map_attachment, "
                            + "or dma_map_resource(" + dev + ", " + v.device() + ".bar, dir))");
                }
                List<Piece> out = new ArrayList<>();
                for (long off = offset; off < offset + length; ) {
                    m.pulse().beat();
                    long n = Math.min(v.contiguousFrom(off), offset + length - off);
                    out.add(new Piece(off, n, v.phys(off)));
                    off += n;
                }
                yield out;
            }
            default -> throw new ScriptFault("a device cannot access " + handle.label() + " here");
        };
    }

    /** A peer-to-peer table: straight to the BAR (a released or moved one still reaches the old VRAM). */
    private List<Piece> sgPieces(Device dev, SgTable s, long offset, long length, boolean write, String verb,
            Site site) {
        owner(dev, s.device(), s);
        if (s.released()) {
            m.log().add(ReportCode.USE_AFTER_FREE, dev + verb + "through " + s + " after dma_buf_unmap_attachment",
                    site, "stop the device before dma_buf_unmap_attachment()", List.of());
        } else if (s.movedAt() != null) {
            m.log().add(ReportCode.USE_AFTER_FREE, dev + verb + "through " + s + ", which move_notify invalidated at "
                    + s.movedAt() + ": " + s.attachment().dmabuf() + " moved to system memory", site,
                    "in move_notify, unmap the attachment (dma_buf_unmap_attachment) and map it again before the "
                            + "next DMA", List.of());
        }
        direction(dev, s, s.direction(), write, verb, site);
        return List.of(new Piece(offset, length, s.p2pSegment().phys() + offset));
    }

    private static void owner(Device dev, Device owner, DmaHandle h) {
        if (owner != dev) {
            throw new ScriptFault(h.label() + " was mapped for " + owner + ", not " + dev);
        }
    }

    private void direction(Device dev, DmaHandle h, Direction dir, boolean write, String verb, Site site) {
        if (write ? !dir.deviceWrites() : !dir.deviceReads()) {
            m.log().add(ReportCode.DIRECTION_VIOLATION, dev + verb + h + ", mapped " + dir, site,
                    "map it " + (write ? "DMA_FROM_DEVICE" : "DMA_TO_DEVICE") + " or DMA_BIDIRECTIONAL", List.of());
        }
    }

    private static long alignUp(long v, long a) {
        return (v + a - 1) / a * a;
    }
}
