package org.dmasim.bench;

import org.dmasim.engine.Kernel;
import org.dmasim.engine.Site;
import org.dmasim.engine.cache.ReadResult;
import org.dmasim.engine.dma.Mapping;
import org.dmasim.engine.machine.ArchProfile;
import org.dmasim.engine.machine.Device;
import org.dmasim.engine.machine.DeviceConfig;
import org.dmasim.engine.machine.DmaParms;
import org.dmasim.engine.machine.Direction;
import org.dmasim.engine.machine.MachineConfig;
import org.dmasim.engine.memory.Buffer;
import org.dmasim.engine.memory.Gfp;

/**
 * The machines and operations of issue 3's targets, shared by {@link BenchRunner} (the
 * {@code dmasim bench} command) and the JMH benchmarks, so both measure the same work. Every
 * scenario is arm64 with a non-coherent device: the case where the cache model does the most.
 */
public final class Scenarios {
    public static final long KiB = 1024;
    public static final long MiB = 1024 * KiB;
    public static final long GiB = 1024 * MiB;
    /** alloc_pages stops at order 10: big buffers are this many bytes per allocation. */
    public static final long CHUNK = 4 * MiB;

    private Scenarios() {
    }

    /** An arm64 machine (8 GiB, the default) with a non-coherent 64-bit device {@code dev}. */
    public static Kernel arm64(MachineConfig config) {
        return new Kernel(ArchProfile.arm64(), config);
    }

    /** The device takes sg segments of any length (dma_set_max_seg_size(UINT_MAX), as GPU drivers do). */
    static Device device(Kernel k) {
        return k.addDevice(new DeviceConfig("dev", 64, 64, false, false, 0, false, false, 0, null, false,
                "migrate", null, new DmaParms(0xffff_ffffL, -1L, 0, 0)), Site.NONE);
    }

    /** Buffers of {@link #CHUNK} bytes (the last may be smaller) covering {@code total} bytes. */
    static Buffer[] buffers(Kernel k, long total) {
        int n = (int) ((total + CHUNK - 1) / CHUNK);
        Buffer[] out = new Buffer[n];
        for (int i = 0; i < n; i++) {
            out[i] = k.allocPages(Math.min(CHUNK, total - i * CHUNK), Gfp.GFP_KERNEL, Site.NONE);
            if (out[i] == null) {
                throw new IllegalStateException("alloc_pages failed after " + i + " chunks");
            }
        }
        return out;
    }

    /** A pattern of one cache line (64 bytes), different for each {@code seed}. */
    static byte[] pattern(int seed) {
        byte[] p = new byte[64];
        for (int i = 0; i < p.length; i++) {
            p[i] = (byte) (seed * 31 + i);
        }
        return p;
    }

    /** Maps every buffer whole for {@code dev}, checking each handle as a correct driver does. */
    private static Mapping[] mapAll(Kernel k, Device dev, Buffer[] bufs, Direction dir) {
        Mapping[] maps = new Mapping[bufs.length];
        for (int i = 0; i < bufs.length; i++) {
            maps[i] = k.dmaMapSingle(dev, bufs[i], 0, bufs[i].size(), dir, 0, Site.NONE);
            k.dmaMappingError(dev, maps[i].dmaAddress(), Site.NONE);
        }
        return maps;
    }

    /**
     * Bulk: the buffers are mapped DMA_TO_DEVICE once; each round the CPU takes them back
     * ({@code dma_sync_single_for_cpu}), writes every byte through the cacheable view,
     * {@code dma_sync_single_for_device} cleans the lines, and the device reads every byte.
     */
    public static final class Bulk {
        public final long bytes;
        private final Kernel k;
        private final Device dev;
        private final Buffer[] bufs;
        private final Mapping[] maps;
        private int round;

        public Bulk(long bytes) {
            this.bytes = bytes;
            k = arm64(MachineConfig.defaults());
            dev = device(k);
            bufs = buffers(k, bytes);
            maps = mapAll(k, dev, bufs, Direction.DMA_TO_DEVICE);
        }

        /** One round; returns a value that depends on what the device read (keeps the JIT honest). */
        public long round() {
            byte[] p = pattern(++round);
            long sum = 0;
            for (int i = 0; i < bufs.length; i++) {
                long addr = maps[i].dmaAddress();
                long size = bufs[i].size();
                k.dmaSyncSingleForCpu(dev, addr, size, Direction.DMA_TO_DEVICE, Site.NONE);
                k.cpuWrite(bufs[i], 0, size, p, Site.NONE);
                k.dmaSyncSingleForDevice(dev, addr, size, Direction.DMA_TO_DEVICE, Site.NONE);
                ReadResult r = k.deviceRead(dev, maps[i], 0, size, false, Site.NONE);
                byte[] last = r.segments().get(r.segments().size() - 1).alternatives().get(0).data();
                sum += r.segments().size() + last[last.length - 1];
            }
            return sum;
        }

        /** Reports raised so far (a correct protocol raises none). */
        public int reports() {
            return k.reports().size();
        }
    }

    /** The host's memcpy: {@code System.arraycopy} of {@code bytes}, in the same chunks as {@link Bulk}. */
    public static final class Memcpy {
        private final byte[][] src;
        private final byte[][] dst;

        public Memcpy(long bytes) {
            int n = (int) ((bytes + CHUNK - 1) / CHUNK);
            src = new byte[n][];
            dst = new byte[n][];
            for (int i = 0; i < n; i++) {
                int size = (int) Math.min(CHUNK, bytes - i * CHUNK);
                src[i] = new byte[size];
                dst[i] = new byte[size];
                java.util.Arrays.fill(src[i], (byte) i);
            }
        }

        public long round() {
            long sum = 0;
            for (int i = 0; i < src.length; i++) {
                System.arraycopy(src[i], 0, dst[i], 0, src[i].length);
                sum += dst[i][dst[i].length - 1];
            }
            return sum;
        }
    }

    /**
     * dma-buf: {@code dma_buf_map_attachment}, {@code dma_buf_begin_cpu_access},
     * {@code dma_buf_end_cpu_access}, {@code dma_buf_unmap_attachment} of a 1 MiB system-heap
     * buffer attached (statically) to the non-coherent device: map cleans, begin invalidates, end
     * cleans, unmap invalidates, each over the whole MiB.
     */
    public static final class DmaBuf {
        private final Kernel k;
        private final org.dmasim.engine.dmabuf.DmaBuf buf;
        private final org.dmasim.engine.dmabuf.Attachment att;

        public DmaBuf() {
            k = arm64(MachineConfig.defaults());
            Device dev = device(k);
            buf = k.dmaBuf().dmaHeapAlloc(MiB, Site.NONE);
            att = k.dmaBuf().dmaBufAttach(buf, dev, false, false, Site.NONE).value();
        }

        public long round() {
            var l = k.dmaBuf();
            var sgt = l.dmaBufMapAttachment(att, Direction.DMA_BIDIRECTIONAL, Site.NONE).value();
            l.dmaBufBeginCpuAccess(buf, Direction.DMA_BIDIRECTIONAL, Site.NONE);
            l.dmaBufEndCpuAccess(buf, Direction.DMA_BIDIRECTIONAL, Site.NONE);
            l.dmaBufUnmapAttachment(att, sgt, Direction.DMA_BIDIRECTIONAL, Site.NONE);
            return sgt.dmaAddress();
        }

        public int reports() {
            return k.reports().size();
        }
    }

    /**
     * Small: {@code dma_map_single} (checked with {@code dma_mapping_error}, as a correct driver
     * does, so dma-debug stays quiet), {@code dma_sync_single_for_cpu}, {@code dma_unmap_single}
     * of a 4 KiB DMA_FROM_DEVICE buffer.
     */
    public static final class Small {
        private final Kernel k;
        private final Device dev;
        private final Buffer buf;

        public Small() {
            k = arm64(MachineConfig.defaults());
            dev = device(k);
            buf = k.allocPages(4 * KiB, Gfp.GFP_KERNEL, Site.NONE);
        }

        public long triple() {
            Mapping m = k.dmaMapSingle(dev, buf, 0, 4 * KiB, Direction.DMA_FROM_DEVICE, 0, Site.NONE);
            long addr = m.dmaAddress();
            k.dmaMappingError(dev, addr, Site.NONE);
            k.dmaSyncSingleForCpu(dev, addr, 4 * KiB, Direction.DMA_FROM_DEVICE, Site.NONE);
            k.dmaUnmapSingle(dev, addr, 4 * KiB, Direction.DMA_FROM_DEVICE, 0, Site.NONE);
            return addr;
        }

        public int reports() {
            return k.reports().size();
        }
    }

    /**
     * Uncertain lines: the buffers are mapped DMA_FROM_DEVICE and the device writes them, but the
     * driver never calls {@code dma_sync_single_for_cpu}: every line may still be cached
     * (speculation) with the old bytes, so a CPU read sees two values per line. {@link #prepare}
     * (untimed) syncs the previous round away and makes a fresh device write; {@link #read}
     * reads every byte.
     */
    public static final class Uncertain {
        public final long bytes;
        private final Kernel k;
        private final Device dev;
        private final Buffer[] bufs;
        private final Mapping[] maps;
        private int round;

        public Uncertain(long bytes) {
            this.bytes = bytes;
            k = arm64(MachineConfig.defaults());
            dev = device(k);
            bufs = buffers(k, bytes);
            maps = mapAll(k, dev, bufs, Direction.DMA_FROM_DEVICE);
        }

        public void prepare() {
            byte[] p = pattern(++round);
            for (int i = 0; i < bufs.length; i++) {
                long addr = maps[i].dmaAddress();
                long size = bufs[i].size();
                if (round > 1) {
                    // the previous round's lines become certain again: invalidate, hand back
                    k.dmaSyncSingleForCpu(dev, addr, size, Direction.DMA_FROM_DEVICE, Site.NONE);
                    k.dmaSyncSingleForDevice(dev, addr, size, Direction.DMA_FROM_DEVICE, Site.NONE);
                }
                k.deviceWrite(dev, maps[i], 0, size, p, Site.NONE);
            }
        }

        /** Reads every byte; returns the number of uncertain segments (one per line). */
        public long read() {
            long uncertain = 0;
            for (Buffer b : bufs) {
                ReadResult r = k.cpuRead(b, 0, b.size(), true, Site.NONE);
                for (var s : r.segments()) {
                    if (s.alternatives().size() > 1) {
                        uncertain++;
                    }
                }
            }
            return uncertain;
        }

        public int uncertainLines() {
            return k.machine().cache().uncertainLines();
        }
    }

    /**
     * Memory: an 8 GiB machine whose CPU writes {@code touched} bytes and hands them to the device
     * ({@code dma_map_single} DMA_TO_DEVICE cleans them to DRAM, unmap gives them back). Every
     * 4 KiB page gets different bytes (a 64 KiB pattern over 4 MiB buffers), so no two pages of
     * one store are equal.
     */
    public static Kernel touched(long touched) {
        // the budget charges DRAM and the shadow separately (2 GiB for 1 GiB touched) even where
        // they share pages, so the default 2 GiB is raised; the heap is what this measures
        Kernel k = arm64(MachineConfig.defaults().withMemoryBudget(Math.max(MachineConfig.DEFAULT_BUDGET,
                3 * touched)));
        Device dev = device(k);
        Buffer[] bufs = buffers(k, touched);
        java.util.Random random = new java.util.Random(7);
        for (Buffer b : bufs) {
            byte[] p = new byte[(int) Math.min(b.size(), 64 * KiB + 64)];
            random.nextBytes(p);
            k.cpuWrite(b, 0, b.size(), p, Site.NONE);
            Mapping m = k.dmaMapSingle(dev, b, 0, b.size(), Direction.DMA_TO_DEVICE, 0, Site.NONE);
            k.dmaMappingError(dev, m.dmaAddress(), Site.NONE);
            k.dmaUnmapSingle(dev, m.dmaAddress(), b.size(), Direction.DMA_TO_DEVICE, 0, Site.NONE);
        }
        return k;
    }

    /**
     * Memory: {@code count} live 4 KiB DMA_TO_DEVICE mappings (each checked with
     * {@code dma_mapping_error}), slices of 4 MiB buffers the CPU never touched.
     */
    public static Kernel liveMappings(int count) {
        Kernel k = arm64(MachineConfig.defaults());
        Device dev = device(k);
        long perBuffer = CHUNK / (4 * KiB);
        Buffer[] bufs = buffers(k, count * 4 * KiB);
        for (int i = 0; i < count; i++) {
            Buffer b = bufs[(int) (i / perBuffer)];
            Mapping m = k.dmaMapSingle(dev, b, (i % perBuffer) * 4 * KiB, 4 * KiB, Direction.DMA_TO_DEVICE, 0,
                    Site.NONE);
            k.dmaMappingError(dev, m.dmaAddress(), Site.NONE);
        }
        return k;
    }
}
