package org.dmasim.engine.dmabuf;

import org.dmasim.engine.Kernel;
import org.dmasim.engine.Site;
import org.dmasim.engine.machine.ArchProfile;
import org.dmasim.engine.machine.Device;
import org.dmasim.engine.machine.DeviceConfig;
import org.dmasim.engine.machine.Direction;
import org.dmasim.engine.machine.MachineConfig;

/**
 * The dma-buf benchmark scenario: {@code dma_buf_map_attachment}, {@code dma_buf_begin_cpu_access},
 * {@code dma_buf_end_cpu_access}, {@code dma_buf_unmap_attachment} of a 1 MiB system-heap buffer
 * attached to a non-coherent arm64 importer (full maintenance at map, for_cpu at begin, for_device
 * at end, for_cpu at unmap). For the {@code bench} module (a JMH {@code @Benchmark} calls
 * {@link #round()}); {@link #main} times it by hand:
 * {@code java -cp engine/target/classes:engine/target/test-classes org.dmasim.engine.dmabuf.DmaBufBench}.
 */
public final class DmaBufBench {
    public static final long SIZE = 1L << 20;

    private final Kernel k;
    private final DmaBuf buf;
    private final Attachment att;

    public DmaBufBench() {
        k = new Kernel(ArchProfile.arm64(), MachineConfig.defaults());
        Device cam = k.addDevice(new DeviceConfig("cam", 64, 64, false, false, 0, false, false, 0, null, false,
                "migrate", null), Site.NONE);
        buf = k.dmaBuf().dmaHeapAlloc(SIZE, Site.NONE);
        att = k.dmaBuf().dmaBufAttach(buf, cam, false, false, Site.NONE).value();
    }

    /** One round; returns the importer's bus address (keeps the JIT honest). */
    public long round() {
        DmaBufLayer l = k.dmaBuf();
        SgTable sgt = l.dmaBufMapAttachment(att, Direction.DMA_BIDIRECTIONAL, Site.NONE).value();
        l.dmaBufBeginCpuAccess(buf, Direction.DMA_BIDIRECTIONAL, Site.NONE);
        l.dmaBufEndCpuAccess(buf, Direction.DMA_BIDIRECTIONAL, Site.NONE);
        l.dmaBufUnmapAttachment(att, sgt, Direction.DMA_BIDIRECTIONAL, Site.NONE);
        return sgt.dmaAddress();
    }

    /** Reports raised so far: a correct protocol raises none. */
    public int reports() {
        return k.reports().size();
    }

    public static void main(String[] args) {
        DmaBufBench b = new DmaBufBench();
        long sink = 0;
        for (int i = 0; i < 20_000; i++) {
            sink += b.round();
        }
        int rounds = 50_000;
        long t0 = System.nanoTime();
        for (int i = 0; i < rounds; i++) {
            sink += b.round();
        }
        long ns = System.nanoTime() - t0;
        System.out.printf("dma-buf map+begin/end+unmap, 1 MiB system heap, non-coherent arm64 importer: "
                + "%.2f us/round (%d rounds, %d reports, sink %d)%n", ns / 1e3 / rounds, rounds, b.reports(), sink);
    }
}
