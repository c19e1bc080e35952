package org.dmasim.engine.memory;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.management.ManagementFactory;
import java.lang.ref.Reference;
import java.util.function.Consumer;
import org.dmasim.engine.Kernel;
import org.dmasim.engine.Site;
import org.dmasim.engine.machine.ArchProfile;
import org.dmasim.engine.machine.Device;
import org.dmasim.engine.machine.DeviceConfig;
import org.dmasim.engine.machine.Direction;
import org.dmasim.engine.machine.MachineConfig;
import org.dmasim.engine.machine.Maintenance;
import org.junit.jupiter.api.Test;

/**
 * The memory budget charges what each representation of emulated state really costs in the heap
 * (measured after full collections, with tens of MiB of state so the noise is small): never more
 * than 10% above the budget's count, for DRAM pages, dirty lines (the overlay), stale clean lines,
 * and the shadow alone. Pages the stores share copy-on-write are charged to each store (what fits
 * does not depend on sharing), so the count may be higher. Explicit uncertain lines are measured
 * apart, by the heap they add (ExplicitLineBudgetTest): lines left uncertain with equal bytes share
 * one set, a few bytes a line, and a whole machine's heap is then mostly page frames.
 */
class BudgetCostTest {
    private static final long MiB = 1L << 20;
    private static final double SLACK = 1.10;

    /** The budget's count and the heap the machine holds, in bytes. */
    private record Cost(String form, long charged, long measured) {
        double ratio() {
            return measured / (double) charged;
        }

        @Override
        public String toString() {
            return String.format("%s: budget %.1f MiB, heap %.1f MiB (heap/budget %.2f)", form, charged / (double) MiB,
                    measured / (double) MiB, ratio());
        }
    }

    private static Cost measure(String form, ArchProfile profile, Consumer<Kernel> build) {
        long before = usedAfterGc();
        Kernel k = new Kernel(profile, MachineConfig.defaults().withMemoryBudget(2L << 30));
        build.accept(k);
        long after = usedAfterGc();
        Cost c = new Cost(form, k.machine().budget().used(), after - before);
        Reference.reachabilityFence(k);
        System.out.println("budget cost: " + c);
        return c;
    }

    private static void neverUnderCharged(Cost c) {
        assertTrue(c.charged() > 0, c.toString());
        assertTrue(c.measured() <= c.charged() * SLACK, "the budget under-charges: " + c);
    }

    private static Device device(Kernel k, boolean coherent) {
        return k.addDevice(new DeviceConfig("dev", 64, 64, coherent, false, 0, false, false, 0, null, false, "migrate",
                null), Site.NONE);
    }

    private static Buffer[] buffers(Kernel k, long total) {
        Buffer[] out = new Buffer[(int) (total / (4 * MiB))];
        for (int i = 0; i < out.length; i++) {
            out[i] = k.allocPages(4 * MiB, Gfp.GFP_KERNEL, Site.NONE);
        }
        return out;
    }

    /** Bytes that differ in every page, so no page array is equal to another by accident. */
    private static byte[] pattern(int seed) {
        byte[] p = new byte[4096 + 64];
        for (int i = 0; i < p.length; i++) {
            p[i] = (byte) (seed * 131 + i * 7 + (i >> 8));
        }
        return p;
    }

    @Test
    void dramPages() {
        neverUnderCharged(measure("DRAM pages (coherent device writes)", ArchProfile.x86_64(), k -> {
            Device dev = device(k, true);
            for (Buffer b : buffers(k, 32 * MiB)) {
                var m = k.dmaMapSingle(dev, b, 0, b.size(), Direction.DMA_FROM_DEVICE, 0, Site.NONE);
                k.deviceWrite(dev, m, 0, b.size(), pattern(1), Site.NONE);
            }
        }));
    }

    @Test
    void dirtyLines() {
        neverUnderCharged(measure("dirty lines (CPU stores, no sync)", ArchProfile.arm64(), k -> {
            for (Buffer b : buffers(k, 32 * MiB)) {
                k.cpuWrite(b, 0, b.size(), pattern(2), Site.NONE);
            }
        }));
    }

    @Test
    void staleCleanLines() {
        neverUnderCharged(measure("stale clean lines (device writes under cached lines)", ArchProfile.arm64(), k -> {
            Device dev = device(k, false);
            for (Buffer b : buffers(k, 32 * MiB)) {
                k.cpuWrite(b, 0, b.size(), pattern(3), Site.NONE);
                var m = k.dmaMapSingle(dev, b, 0, b.size(), Direction.DMA_FROM_DEVICE, 0, Site.NONE);
                k.deviceWrite(dev, m, 0, b.size(), pattern(4), Site.NONE);
            }
        }));
    }

    @Test
    void shadowAlone() {
        neverUnderCharged(measure("the shadow alone (dirty lines invalidated)", ArchProfile.arm64(), k -> {
            for (Buffer b : buffers(k, 8 * MiB)) {
                k.cpuWrite(b, 0, b.size(), pattern(5), Site.NONE);
                k.machine().cache().maintain(Maintenance.INVALIDATE, b.physBase(), b.size(), "test");
            }
        }));
    }

    @Test
    void aWriteOfAPatternLongerThanAPage() {
        // the bytes of pattern(seed) or of a read written back: the stores kept a tile as long as the
        // pattern, and the pattern itself, which the budget never charged (found by the fuzzer's heap check)
        neverUnderCharged(measure("a 32 MiB write of random bytes", ArchProfile.arm64(), k -> {
            byte[] random = new byte[32 << 20];
            new java.util.Random(9).nextBytes(random);
            VmallocBuffer v = k.vmalloc(random.length, Site.NONE);
            k.cpuWrite(v, 0, v.size(), random, Site.NONE);
        }));
    }

    @Test
    void liveMappingsOfAScatteredSgTable() {
        neverUnderCharged(measure("live mappings of a scattered sg table (65536 entries)", ArchProfile.x86_64(), k -> {
            Device dev = device(k, true);
            VmallocBuffer v = k.vmalloc(256 * MiB, Site.NONE);
            var sgt = k.sgTable(v, 0, v.size(), Site.NONE);
            k.dmaMapSg(dev, sgt, Direction.DMA_TO_DEVICE, 0, Site.NONE);
        }));
    }

    @Test
    void sun4uStreamingBufferCopies() {
        ArchProfile p = org.dmasim.engine.TestProfiles.all().stream().filter(x -> x.name().equals("sparc64"))
                .findFirst().orElseThrow();
        ArchProfile sun4u = new ArchProfile("sparc64_sun4u", p.cacheLine(), p.pageSize(), p.zoneDmaLimit(),
                p.coherentDefault(), p.speculativePrefetch(), p.forDevice(), p.forCpu(), p.prepCoherent(),
                p.invalEdges(), false, true, false, true, new org.dmasim.engine.machine.ArchTraits(0, 1,
                        org.dmasim.engine.machine.IommuKind.SUN4U, true, false));
        neverUnderCharged(measure("the sun4u streaming buffer's held device writes", sun4u, k -> {
            Device dev = k.addDevice(new DeviceConfig("gpu", 64, 64, null, true, 0, false, false, 0, null, false,
                    "migrate", null), Site.NONE);
            for (Buffer b : buffers(k, 32 * MiB)) {
                var m = k.dmaMapSingle(dev, b, 0, b.size(), Direction.DMA_FROM_DEVICE, 0, Site.NONE);
                // zeros: the shadow stays unbacked, so the count is the held copies' alone
                k.deviceWrite(dev, m, 0, b.size(), new byte[] {0}, Site.NONE);
            }
        }));
    }

    static long usedAfterGc() {
        var mem = ManagementFactory.getMemoryMXBean();
        long last = Long.MAX_VALUE;
        for (int i = 0; i < 6; i++) {
            System.gc();
            long used = mem.getHeapMemoryUsage().getUsed();
            if (used >= last - 64 * 1024) {
                return Math.min(used, last);
            }
            last = used;
        }
        return last;
    }
}
