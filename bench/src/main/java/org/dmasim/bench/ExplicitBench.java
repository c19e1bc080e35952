package org.dmasim.bench;

import java.util.List;
import java.util.Random;
import org.dmasim.engine.cache.AccessKind;
import org.dmasim.engine.cache.CacheDomain;
import org.dmasim.engine.cache.ReadResult;
import org.dmasim.engine.machine.Maintenance;
import org.dmasim.engine.memory.MemoryBudget;
import org.dmasim.engine.memory.SparseBytes;

/**
 * Cache lines in the explicit uncertain form (a line whose configurations are listed): the CPU
 * dirties every line, then a device that does not snoop writes DRAM under them, so each line may
 * be dirty over the device's bytes, written back, clean or refilled. Two cases: one pattern
 * everywhere (lines alike) and random bytes from both writers (every line different, the worst
 * case, which the bars are for). Rows per case: heap after GC per line, the device write that
 * makes the lines explicit (per line), a CPU read of them all (per line).
 */
public final class ExplicitBench {
    /** 16 MiB of 64-byte lines at scale 1. */
    static final int LINES = 1 << 18;
    /** Warm-up rounds even when quick: the compact paths are compiled only after a few. */
    static final int WARMUPS = 4;
    /** Reads of every line per timed round. */
    static final int READS = 3;
    static final int LINE = 64;

    private ExplicitBench() {
    }

    /** Only this group, as a table: {@code java -cp ... org.dmasim.bench.ExplicitBench [--quick [scale]]}. */
    public static void main(String[] args) {
        List<Measurement> rows = new java.util.ArrayList<>();
        run(new BenchRunner.Options(args.length > 0 && args[0].equals("--quick"),
                args.length > 1 ? Double.parseDouble(args[1]) : 1), rows);
        System.out.print(BenchReport.table(rows));
    }

    /** One cache domain over {@code lines} lines and the writers' bytes. */
    static final class Machine {
        final int lines;
        final long bytes;
        final MemoryBudget budget = new MemoryBudget(Long.MAX_VALUE / 4);
        final SparseBytes shadow = new SparseBytes(budget, "shadow");
        final CacheDomain cache;
        final byte[] cpu;
        final byte[] device;

        Machine(int lines, boolean distinct) {
            this.lines = lines;
            this.bytes = (long) LINE * lines;
            cache = new CacheDomain(LINE, new SparseBytes(budget, "memory"), budget, p -> true,
                    Maintenance.CLEAN_INVALIDATE, shadow::read);
            if (distinct) {
                Random random = new Random(7);
                cpu = new byte[(int) bytes];
                device = new byte[(int) bytes];
                random.nextBytes(cpu);
                random.nextBytes(device);
            } else {
                cpu = new byte[] {1};
                device = new byte[] {2};
            }
        }

        /** Every line deterministic, then dirty with the CPU's bytes. */
        void prepare() {
            cache.write(AccessKind.DEVICE_COHERENT, 0, bytes, new byte[] {7}, 0, "device write at 1:1", "1:1");
            cache.write(AccessKind.CPU_CACHED, 0, bytes, cpu, 0, "CPU write at 3:1", "3:1");
        }

        /** The write that makes every line explicit. */
        void makeExplicit() {
            cache.write(AccessKind.DEVICE_NONCOHERENT, 0, bytes, device, 0, "device write at 4:1", "4:1");
            if (cache.uncertainLines() != lines) {
                throw new IllegalStateException("expected " + lines + " explicit lines, found "
                        + cache.uncertainLines());
            }
        }

        /** A CPU read of every line: the number of segments with more than one value. */
        long read() {
            long uncertain = 0;
            for (long at = 0; at < bytes; at += ReadResult.CHUNK) {
                int n = (int) Math.min(ReadResult.CHUNK, bytes - at);
                ReadResult r = cache.read(AccessKind.CPU_CACHED, at, n, "5:1");
                for (var s : r.segments()) {
                    if (s.alternatives().size() > 1) {
                        uncertain++;
                    }
                }
            }
            return uncertain;
        }
    }

    /**
     * The bytes of live objects after a full collection, from the JVM's class histogram (the
     * heap's occupancy would count the filler a collector leaves beside large arrays too), or the
     * occupancy where the JVM has no histogram.
     */
    static long liveAfterGc() {
        String histogram;
        try {
            histogram = (String) java.lang.management.ManagementFactory.getPlatformMBeanServer().invoke(
                    new javax.management.ObjectName("com.sun.management:type=DiagnosticCommand"),
                    "gcClassHistogram", new Object[] {null}, new String[] {String[].class.getName()});
        } catch (javax.management.JMException | RuntimeException e) {
            return BenchRunner.usedAfterGc();
        }
        long live = 0;
        for (String row : histogram.split("\n")) {
            String[] cells = row.trim().split("\\s+");
            if (cells.length >= 4 && cells[0].endsWith(":") && !cells[3].contains("FillerElement")) {
                live += Long.parseLong(cells[2]);
            }
        }
        return live;
    }

    static void run(BenchRunner.Options o, List<Measurement> out) {
        int lines = Math.max(1024, (int) (LINES * Math.min(1, o.scale())) / 1024 * 1024);
        for (boolean distinct : new boolean[] {true, false}) {
            String name = distinct ? "explicit" : "explicit.pattern";
            String what = distinct ? "random bytes from the CPU and from the device (every line different)"
                    : "one pattern from each (lines alike)";
            // heap first, on a fresh machine: the lines dirty, then explicit
            Machine m = new Machine(lines, distinct);
            m.prepare();
            long dirty = liveAfterGc();
            long chargedDirty = m.budget.used();
            m.makeExplicit();
            double heap = (liveAfterGc() - dirty) / (double) lines;
            double charge = (m.budget.used() - chargedDirty) / (double) lines;
            double[] create = new double[o.rounds()];
            double[] read = new double[o.rounds()];
            long sink = 0;
            for (int w = 0; w < Math.max(WARMUPS, o.warmups()); w++) {
                m.prepare();
                m.makeExplicit();
                for (int r = 0; r < 4; r++) {
                    sink += m.read();
                }
            }
            for (int r = 0; r < o.rounds(); r++) {
                m.prepare();
                long t0 = System.nanoTime();
                m.makeExplicit();
                long t1 = System.nanoTime();
                // the reads do not pay for collecting what the write left
                System.gc();
                long t2 = System.nanoTime();
                for (int i = 0; i < READS; i++) {
                    sink += m.read();
                }
                long t3 = System.nanoTime();
                create[r] = (t1 - t0) / 1e3 / lines;
                read[r] = (t3 - t2) / 1e3 / lines / READS;
            }
            java.lang.ref.Reference.reachabilityFence(m);
            if (sink < 0) {
                throw new IllegalStateException("unreachable");
            }
            String size = lines + " lines of 64 bytes, " + what;
            out.add(Measurement.of(name + ".heap", "heap after GC per explicit line, " + size + " (the budget "
                    + "charges " + Math.round(charge) + " B a line)", "B", new double[] {heap}, 200, true));
            out.add(Measurement.of(name + ".create", "a non-snooping device's write under dirty lines that makes "
                    + "them explicit, per line, " + size, "us", create, 1, true));
            out.add(Measurement.of(name + ".read", "a CPU read of every explicit line (" + READS + " per round, after "
                    + "a full GC), per line, " + size, "us", read,
                    0.2, true));
        }
    }
}
