package org.dmasim.bench;

import com.sun.management.GarbageCollectionNotificationInfo;
import java.io.PrintStream;
import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import javax.management.NotificationEmitter;
import javax.management.NotificationListener;
import javax.management.openmbean.CompositeData;
import org.dmasim.interpreter.Ending;
import org.dmasim.interpreter.ScenarioRunner;
import org.dmasim.interpreter.diag.SourceFile;
import org.dmasim.interpreter.output.TextOutput;

/**
 * Scenarios written in {@code .dma}, run in this JVM as {@code dmasim run} runs them (parse,
 * resolve, interpret, print to a discarded stream), against what they stand for: the engine's
 * own map/sync/unmap round, and a plain Java program moving the same bytes as the bulk scenario.
 */
final class ScriptRows {
    /** One 4 KiB receive round per iteration, checked as a correct driver does. */
    static String loop(int rounds) {
        return """
                arch arm64
                device dev { dma_mask: 64, coherent: false }
                let rx = alloc_pages(4KiB)
                let n = 0
                while n < %d {
                  let m = dma_map_single(dev, rx, DMA_FROM_DEVICE)
                  expect not dma_mapping_error(dev, m)
                  dma_sync_single_for_cpu(dev, m, 4KiB, DMA_FROM_DEVICE)
                  dma_unmap_single(dev, m, 4KiB, DMA_FROM_DEVICE)
                  n = n + 1
                }
                expect clean
                """.formatted(rounds);
    }

    /**
     * {@code chunks} buffers of 4 MiB, all kept allocated: the CPU fills each, maps it (arm64
     * cleans the lines), the device reads it back. The budget charges DRAM and the shadow apart:
     * 3 GiB, or what this JVM's heap can back.
     */
    static String bulk(long chunks) {
        return """
                machine { memory_budget: %d }
                arch arm64
                device dev { dma_mask: 64, coherent: false }
                for i in 0..%d {
                  let b = alloc_pages(4MiB)
                  cpu writes b = 0x5A
                  let m = dma_map_single(dev, b, DMA_TO_DEVICE)
                  expect not dma_mapping_error(dev, m)
                  expect dev reads m[0..4MiB] == 0x5A
                  dma_unmap_single(dev, m, 4MiB, DMA_TO_DEVICE)
                }
                expect clean
                """.formatted(Math.min(3L << 30, org.dmasim.engine.memory.MemoryBudget.heapCap()), chunks);
    }

    private static final PrintStream NOWHERE = new PrintStream(PrintStream.nullOutputStream());

    private ScriptRows() {
    }

    /** Runs {@code text} as {@code dmasim run} does (no time limit); throws unless it passes. */
    static void run(String name, String text) {
        ScenarioRunner.Options o = new ScenarioRunner.Options(null, Duration.ofHours(1), Long.MAX_VALUE, false);
        Ending e = ScenarioRunner.execute(SourceFile.of(name, text), Path.of("."), o, new TextOutput(NOWHERE));
        if (e.exit() != ScenarioRunner.PASS) {
            e.print(System.err, System.err);
            throw new IllegalStateException("the bench scenario " + name + " did not pass (exit " + e.exit() + ")");
        }
    }

    /**
     * The plain Java floor of {@link #bulk}: per 4 MiB, a new array (kept, like the buffers) filled
     * with 0x5A, copied into another new array (the device's read) and compared with the pattern.
     */
    static long plainJava(long chunks, byte[] expected) {
        int size = expected.length;
        long sink = 0;
        byte[][] kept = new byte[(int) chunks][];
        for (int i = 0; i < chunks; i++) {
            byte[] cpu = new byte[size];
            kept[i] = cpu;
            Arrays.fill(cpu, (byte) 0x5A);
            byte[] device = new byte[size];
            System.arraycopy(cpu, 0, device, 0, size);
            if (!Arrays.equals(device, expected)) {
                throw new IllegalStateException("the copy differs");
            }
            sink += device[i % size];
        }
        return sink + kept.length;
    }

    /**
     * The collector pauses while it is open (from the collectors' notifications;
     * {@code System.gc()} is left out), with when each began, so that the longest within given
     * stretches of time (the script's rounds, the plain program's) can be told apart.
     */
    static final class Pauses implements AutoCloseable {
        /** Start (ms since the JVM started) and duration of every pause. */
        private final List<long[]> pauses = new java.util.concurrent.CopyOnWriteArrayList<>();
        private final NotificationListener listener = (n, h) -> {
            if (GarbageCollectionNotificationInfo.GARBAGE_COLLECTION_NOTIFICATION.equals(n.getType())) {
                var info = GarbageCollectionNotificationInfo.from((CompositeData) n.getUserData());
                // the bench's own full collections between rounds are left out
                if (!"System.gc()".equals(info.getGcCause()) && stopsTheWorld(info.getGcAction())) {
                    pauses.add(new long[] {info.getGcInfo().getStartTime(), info.getGcInfo().getDuration()});
                }
            }
        };
        private final List<GarbageCollectorMXBean> beans = ManagementFactory.getGarbageCollectorMXBeans();

        Pauses() {
            for (GarbageCollectorMXBean b : beans) {
                ((NotificationEmitter) b).addNotificationListener(listener, null, null);
            }
        }

        /**
         * Whether a collector notification with this action is a pause of the program: the serial,
         * parallel and G1 young and full collections ("end of minor GC", "end of major GC"), G1's
         * remark and cleanup ("end of concurrent GC pause", timed as the pause alone), ZGC's and
         * Shenandoah's pauses ("end of GC pause"); not their concurrent cycles ("end of GC
         * cycle"), which run beside the program.
         */
        static boolean stopsTheWorld(String gcAction) {
            return !gcAction.endsWith("cycle");
        }

        /** Milliseconds since the JVM started, the clock of the pauses' start times. */
        static long now() {
            return ManagementFactory.getRuntimeMXBean().getUptime();
        }

        /** The longest pause that began within one of {@code windows} ({from, to} in {@link #now()} time). */
        long longestWithin(List<long[]> windows) {
            long longest = 0;
            for (long[] p : pauses) {
                for (long[] w : windows) {
                    if (p[0] >= w[0] && p[0] <= w[1]) {
                        longest = Math.max(longest, p[1]);
                    }
                }
            }
            return longest;
        }

        @Override
        public void close() {
            try {
                // notifications come on another thread, shortly after the pause
                Thread.sleep(200);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            for (GarbageCollectorMXBean b : beans) {
                try {
                    ((NotificationEmitter) b).removeNotificationListener(listener);
                } catch (javax.management.ListenerNotFoundException e) {
                    // never added: nothing to remove
                }
            }
        }
    }
}
