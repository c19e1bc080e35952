package org.dmasim.engine.dma;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import net.jqwik.api.Assume;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;
import org.dmasim.engine.At;
import org.dmasim.engine.Kernel;
import org.dmasim.engine.Site;
import org.dmasim.engine.TestProfiles;
import org.dmasim.engine.cache.ReadResult;
import org.dmasim.engine.machine.ArchProfile;
import org.dmasim.engine.machine.Device;
import org.dmasim.engine.machine.DeviceConfig;
import org.dmasim.engine.machine.Direction;
import org.dmasim.engine.machine.MachineConfig;
import org.dmasim.engine.machine.Maintenance;
import org.dmasim.engine.memory.CpuView;
import org.dmasim.engine.memory.Gfp;

/**
 * On every stdlib profile, with direct, bounced (reach, force, small kmalloc) and IOMMU devices,
 * single and scatter-gather mappings: a driver that follows the ownership protocol (map, device
 * access, sync_for_cpu/unmap, CPU access) gets no report and only certain reads.
 */
class ProfileProtocolPropertiesTest {
    private static final Direction TO = Direction.DMA_TO_DEVICE;
    private static final Direction FROM = Direction.DMA_FROM_DEVICE;
    private static final Direction BIDI = Direction.DMA_BIDIRECTIONAL;

    private record Buf(CpuView view, long size) {
    }

    @Property(tries = 150)
    void theProtocolIsCleanOnEveryProfile(@ForAll @IntRange(max = 5) int arch, @ForAll boolean mask32,
            @ForAll boolean force, @ForAll boolean iommu, @ForAll boolean nonCoherent,
            @ForAll @IntRange(max = 3) int bufferKind, @ForAll @IntRange(min = 8, max = 300) int kmallocSize,
            @ForAll @Size(min = 1, max = 6) List<@IntRange(max = 4) Integer> steps, @ForAll int seed) {
        ArchProfile p = TestProfiles.all().get(arch);
        // Where for_device(FROM_DEVICE) invalidates (ARC, arm64 before 5.19) a bounced FROM_DEVICE map
        // discards swiotlb's own copy of the original (kernel/dma/swiotlb.c copies orig->slot "to
        // preserve the original's data if the device does a partial write", then the slot is
        // invalidated): bytes the device leaves alone come back as stale slot memory. That is the
        // kernel's behaviour, not a protocol error, so those combinations are not part of this property.
        boolean bounces = force || mask32 || (iommu && p.bounceUnalignedKmalloc());
        Assume.that(!(bounces && p.forDevice(FROM) == Maintenance.INVALIDATE));
        Kernel k = new Kernel(p, MachineConfig.defaults());
        // on x86_64 and sparc64 dev_is_dma_coherent() is hard-wired true: no non-coherent devices
        Boolean coherent = p.coherentDefault() ? null : nonCoherent ? Boolean.FALSE : null;
        Device dev = k.addDevice(new DeviceConfig("dev", mask32 ? 32 : 64, mask32 ? 32 : 64, coherent, iommu, 0,
                force, false, 0, null, false, "migrate", null), new At(1, 1));
        Buf buf = switch (bufferKind) {
            case 0 -> new Buf(k.allocPages(8192, Gfp.GFP_KERNEL, new At(2, 1)), 8192);
            case 1 -> new Buf(k.allocPages(8192, Gfp.GFP_DMA32, new At(2, 1)), 8192);
            case 2 -> new Buf(k.kmalloc(kmallocSize, Gfp.GFP_KERNEL, new At(2, 1)), kmallocSize);
            default -> new Buf(k.shmem(16384, Gfp.GFP_HIGHUSER, new At(2, 1)), 16384);
        };
        int line = 3;
        for (int s : steps) {
            Site at = new At(line, 1);
            byte[] v = {(byte) (seed + line)};
            long off = Math.floorMod(seed * 31L + line, buf.size());
            long len = 1 + Math.floorMod(seed * 17L + line * 7L, buf.size() - off);
            if (bufferKind == 3 || s == 4) {
                sgRound(k, dev, buf, s % 3, off, len, v, at);
            } else {
                singleRound(k, dev, buf, s % 3, off, len, v, at);
            }
            line++;
        }
        k.finish(new At(line, 1));
        assertEquals(List.of(), k.reports(), () -> p.name() + " " + dev.config() + " kind " + bufferKind);
    }

    private static void singleRound(Kernel k, Device dev, Buf buf, int kind, long off, long len, byte[] v, Site at) {
        Direction dir = kind == 0 ? TO : kind == 1 ? FROM : BIDI;
        if (dir != FROM) {
            k.cpuWrite(buf.view(), off, len, v, at);
        }
        Mapping m = k.dmaMapSingle(dev, buf.view(), 0, buf.size(), dir, 0, at);
        if (k.dmaMappingError(dev, m.dmaAddress(), at)) {
            return; // a failed map (pool full, no reach) is reported; none is expected here
        }
        if (dir != FROM) {
            ReadResult r = k.deviceRead(dev, m, off, len, false, at);
            assertTrue(r.isCertain() && r.always(v), r::toString);
        }
        if (dir != TO) {
            byte[] w = {(byte) (v[0] + 1)};
            k.deviceWrite(dev, m, off, len, w, at);
            k.dmaSyncSingleForCpu(dev, m.dmaAddress(), buf.size(), dir, at);
            ReadResult r = k.cpuRead(buf.view(), off, len, false, at);
            assertTrue(r.isCertain() && r.always(w), r::toString);
        }
        k.dmaUnmapSingle(dev, m.dmaAddress(), buf.size(), dir, 0, at);
        assertTrue(k.cpuRead(buf.view(), 0, buf.size(), false, at).isCertain());
    }

    private static void sgRound(Kernel k, Device dev, Buf buf, int kind, long off, long len, byte[] v, Site at) {
        Direction dir = kind == 0 ? TO : kind == 1 ? FROM : BIDI;
        if (dir != FROM) {
            k.cpuWrite(buf.view(), off, len, v, at);
        }
        SgTable sgt = k.sgTable(buf.view(), 0, buf.size(), at);
        if (k.dmaMapSgtable(dev, sgt, dir, 0, at) != 0) {
            return;
        }
        if (dir != TO) {
            byte[] w = {(byte) (v[0] + 1)};
            k.deviceWrite(dev, sgt, off, len, w, at);
            k.dmaSyncSgForCpu(dev, sgt, sgt.origNents(), dir, at);
            ReadResult r = k.cpuRead(buf.view(), off, len, false, at);
            assertTrue(r.isCertain() && r.always(w), r::toString);
            if (dir == BIDI) {
                k.cpuWrite(buf.view(), off, len, v, at);
                k.dmaSyncSgForDevice(dev, sgt, sgt.origNents(), dir, at);
            }
        }
        if (dir != FROM) {
            ReadResult r = k.deviceRead(dev, sgt, off, len, false, at);
            assertTrue(r.isCertain() && r.always(v), r::toString);
        }
        k.dmaUnmapSgtable(dev, sgt, dir, 0, at);
    }
}
