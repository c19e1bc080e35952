package org.dmasim.interpreter.explore;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.management.ManagementFactory;
import java.lang.ref.Reference;
import java.util.List;
import java.util.function.Consumer;
import org.dmasim.engine.Kernel;
import org.dmasim.engine.Site;
import org.dmasim.engine.cache.ReadResult;
import org.dmasim.engine.dmabuf.ResourceMapping;
import org.dmasim.engine.machine.ArchProfile;
import org.dmasim.engine.machine.Device;
import org.dmasim.engine.machine.DeviceConfig;
import org.dmasim.engine.machine.Direction;
import org.dmasim.engine.machine.MachineConfig;
import org.dmasim.engine.memory.MemoryBudget;
import org.dmasim.interpreter.ast.Span;
import org.dmasim.interpreter.diag.SourceFile;
import org.dmasim.interpreter.eval.SourceSite;
import org.junit.jupiter.api.Test;

/**
 * The events an execution keeps for the merge hold in the heap (measured after full collections)
 * at most 10% more than the memory budget charges for them ({@link ExecutionLog#cost}): one long
 * read of a peer's BAR, and many short reads. The kept entries are the only thing measured: the
 * machine that made the reads exists before the first measurement.
 */
class ExecutionLogCostTest {
    private static final long MiB = 1L << 20;
    private static final double SLACK = 1.10;
    private static final SourceFile FILE = new SourceFile("cost.dma", "nic reads r\n");

    private static long usedAfterGc() {
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

    /** A machine whose device {@code nic} reaches the 256 MiB BAR of {@code cam} through dma_map_resource. */
    private record Bar(Kernel kernel, Device nic, ResourceMapping mapping) {
        static Bar map() {
            Kernel k = new Kernel(ArchProfile.x86_64(), MachineConfig.defaults());
            Device nic = k.addDevice(new DeviceConfig("nic", 64, 64, true, false, 0, false, false, 0, null, false,
                    "migrate", null), Site.NONE);
            Device cam = k.addDevice(new DeviceConfig("cam", 64, 64, true, false, 0, false, false, 256 * MiB, null,
                    false, "migrate", null), Site.NONE);
            var memory = k.dmaBuf().deviceMemory();
            ResourceMapping r = memory.dmaMapResource(nic, memory.bar(cam), 0, 256 * MiB, Direction.DMA_TO_DEVICE, 0,
                    Site.NONE);
            return new Bar(k, nic, r);
        }

        ReadResult read(long offset, long length) {
            return kernel.deviceRead(nic, mapping, offset, length, true, Site.NONE);
        }
    }

    /** Keeps the events {@code reads} sends to a log with nothing streamed (after the first job): charged vs heap. */
    private static void keptWithinCharge(String what, Consumer<ExecutionLog> reads) {
        MemoryBudget budget = new MemoryBudget(2L << 30);
        long before = usedAfterGc();
        ExecutionLog log = new ExecutionLog(null, () -> "nic 5:1", () -> 3, n -> List.of());
        log.chargeTo(() -> budget);
        reads.accept(log);
        long after = usedAfterGc();
        long charged = budget.used();
        long measured = after - before;
        assertEquals(charged, log.charged());
        Reference.reachabilityFence(log);
        String text = String.format("%s: budget %.1f MiB, heap %.1f MiB (heap/budget %.2f)", what, charged / (double) MiB,
                measured / (double) MiB, measured / (double) charged);
        System.out.println("kept-entry cost: " + text);
        assertTrue(charged > 0, text);
        assertTrue(measured <= charged * SLACK, "the budget under-charges kept entries: " + text);
    }

    /**
     * A 128 MiB read kept for the merge (the fuzzer's heap check: a run held twice what its budget
     * charged). Its values are built in chunks; a chunk of exactly 1 MiB was humongous in G1 with
     * 1 MiB regions (2 GiB heaps and smaller) and took two regions with its array header.
     */
    @Test
    void aLongReadOfABar() {
        Bar bar = Bar.map();
        SourceSite site = new SourceSite(FILE, new Span(0, 11), false);
        keptWithinCharge("a 128 MiB read of a BAR", log -> log.read(site, "nic reads r", bar.read(0, 128 * MiB)));
        Reference.reachabilityFence(bar);
    }

    /** 16384 reads of 2 KiB each (a loop after a {@code wait}): the records, keys and values of each. */
    @Test
    void manyShortReads() {
        Bar bar = Bar.map();
        keptWithinCharge("16384 reads of 2 KiB", log -> {
            for (int i = 0; i < 16384; i++) {
                SourceSite site = new SourceSite(FILE, new Span(0, 11), false, List.of((long) i + 1));
                log.read(site, "nic reads r[0..2048]", bar.read(i * 2048L, 2048));
            }
        });
        Reference.reachabilityFence(bar);
    }
}
