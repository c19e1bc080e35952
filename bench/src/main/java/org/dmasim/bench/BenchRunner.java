package org.dmasim.bench;

import static org.dmasim.bench.Scenarios.GiB;
import static org.dmasim.bench.Scenarios.MiB;

import java.lang.management.ManagementFactory;
import java.lang.ref.Reference;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import org.dmasim.engine.Kernel;

/**
 * Runs issue 3's scenarios in this JVM with warm-up and a few timed rounds (not JMH: fast
 * enough for a person), and measures heap after GC for the size targets. Sizes and the size
 * targets scale with {@link Options#scale} (tests run tiny machines); timing targets do not.
 */
public final class BenchRunner {
    /** The groups of rows, in the order they run ({@code --only} names them). */
    public static final List<String> GROUPS = List.of("bulk", "small", "script-loop", "dmabuf", "uncertain",
            "explicit", "memory", "script-bulk", "cold-start", "explore");

    /**
     * @param quick fewer rounds and iterations (about a quarter of the time)
     * @param scale multiplies every size (1 is the sizes)
     * @param only the {@link #GROUPS} to run; empty: all of them
     */
    public record Options(boolean quick, double scale, java.util.Set<String> only) {
        public static final Options DEFAULT = new Options(false, 1);

        public Options {
            only = java.util.Set.copyOf(only);
            for (String g : only) {
                if (!GROUPS.contains(g)) {
                    throw new IllegalArgumentException("no bench group " + g + " (groups: " + String.join(", ",
                            GROUPS) + ")");
                }
            }
        }

        public Options(boolean quick, double scale) {
            this(quick, scale, java.util.Set.of());
        }

        boolean runs(String group) {
            return only.isEmpty() || only.contains(group);
        }

        int warmups() {
            return quick ? 1 : 3;
        }

        int rounds() {
            return quick ? 5 : 11;
        }

        long bytes(long full) {
            long b = Math.max(64 * 1024, (long) (full * scale));
            return b / 4096 * 4096;
        }
    }

    public static final long BULK = 256 * MiB;
    public static final long UNCERTAIN = 64 * MiB;
    public static final long TOUCHED = GiB;
    public static final int MAPPINGS = 1_000_000;

    private final Options o;
    private final Consumer<String> progress;

    public BenchRunner(Options options, Consumer<String> progress) {
        this.o = options;
        this.progress = progress;
    }

    public List<Measurement> run() {
        List<Measurement> out = new ArrayList<>();
        if (o.runs("bulk")) {
            progress.accept("bulk");
            bulk(out);
        }
        if (o.runs("small")) {
            progress.accept("small");
            out.add(small());
        }
        if (o.runs("script-loop")) {
            progress.accept("script loop");
            scriptLoop(out);
        }
        if (o.runs("dmabuf")) {
            progress.accept("dma-buf");
            out.add(dmabuf());
        }
        if (o.runs("uncertain")) {
            progress.accept("uncertain");
            uncertain(out);
        }
        if (o.runs("explicit")) {
            progress.accept("explicit lines");
            ExplicitBench.run(o, out);
        }
        if (o.runs("memory")) {
            progress.accept("memory");
            out.add(touched());
            out.add(mappings());
        }
        if (o.runs("script-bulk")) {
            progress.accept("script bulk");
            scriptBulk(out);
        }
        String launcher = System.getProperty("dmasim.launcher");
        if (launcher != null && o.runs("cold-start")) {
            progress.accept("cold start");
            out.add(coldStart(Path.of(launcher)));
        }
        if (o.runs("explore")) {
            progress.accept("explore");
            ExploreBench.run(o, out);
        }
        return out;
    }

    /**
     * A .dma loop of the small round, per round, against the engine's own round measured right
     * after it: the two alternate, so each ratio compares the same minutes of this JVM (both sides
     * move with its compilation and the machine's load: measured apart, the engine's round was 365
     * ns in one run and 681 in the next, which said more about the run than the interpreter).
     */
    private void scriptLoop(List<Measurement> out) {
        int n = o.quick() ? 10_000 : 50_000;
        int triples = o.quick() ? 50_000 : 200_000;
        String text = ScriptRows.loop(n);
        Scenarios.Small engine = new Scenarios.Small();
        long sink = 0;
        for (int w = 0; w < o.warmups(); w++) {
            ScriptRows.run("loop.dma", text);
            for (int i = 0; i < triples; i++) {
                sink += engine.triple();
            }
        }
        double[] ns = new double[o.rounds()];
        double[] ratio = new double[o.rounds()];
        for (int r = 0; r < o.rounds(); r++) {
            long t0 = System.nanoTime();
            ScriptRows.run("loop.dma", text);
            ns[r] = (System.nanoTime() - t0) / (double) n;
            long t1 = System.nanoTime();
            for (int i = 0; i < triples; i++) {
                sink += engine.triple();
            }
            ratio[r] = ns[r] / ((System.nanoTime() - t1) / (double) triples);
        }
        if (engine.reports() != 0) {
            throw new IllegalStateException("the small scenario raised " + engine.reports() + " reports");
        }
        Reference.reachabilityFence(sink);
        out.add(Measurement.of("script.map_sync_unmap", "the small round written in .dma (map, "
                + "dma_mapping_error, sync_for_cpu, unmap), " + n + " rounds through the interpreter", "ns", ns,
                Double.NaN, true));
        out.add(Measurement.of("script.round_ratio", "script.map_sync_unmap / the engine's small round, measured "
                + "after each (they alternate)", "x", ratio, 3, true));
    }

    /**
     * The 1 GiB scenario in .dma (4 MiB buffers kept allocated: CPU write, map TO_DEVICE, device
     * read compared with the pattern) against plain Java moving the same bytes, alternating;
     * and the longest collector pause during the script's rounds.
     */
    private void scriptBulk(List<Measurement> out) {
        long chunks = Math.max(1, o.bytes(TOUCHED) / Scenarios.CHUNK);
        String text = ScriptRows.bulk(chunks);
        byte[] expected = new byte[(int) Scenarios.CHUNK];
        java.util.Arrays.fill(expected, (byte) 0x5A);
        int rounds = o.quick() ? 3 : 5;
        double[] script = new double[rounds];
        double[] plain = new double[rounds];
        double[] ratio = new double[rounds];
        long sink = ScriptRows.plainJava(chunks, expected);
        ScriptRows.run("bulk.dma", text);
        List<long[]> scriptRounds = new ArrayList<>();
        List<long[]> plainRounds = new ArrayList<>();
        ScriptRows.Pauses gc = new ScriptRows.Pauses();
        try (gc) {
            for (int r = 0; r < rounds; r++) {
                // each side starts from an empty young generation: no one pays for the other's garbage
                System.gc();
                long w0 = ScriptRows.Pauses.now();
                long t0 = System.nanoTime();
                sink += ScriptRows.plainJava(chunks, expected);
                long t1 = System.nanoTime();
                plainRounds.add(new long[] {w0, ScriptRows.Pauses.now()});
                System.gc();
                long w2 = ScriptRows.Pauses.now();
                long t2 = System.nanoTime();
                ScriptRows.run("bulk.dma", text);
                long t3 = System.nanoTime();
                scriptRounds.add(new long[] {w2, ScriptRows.Pauses.now()});
                plain[r] = (t1 - t0) / 1e6;
                script[r] = (t3 - t2) / 1e6;
                ratio[r] = script[r] / plain[r];
            }
        }
        long pause = gc.longestWithin(scriptRounds);
        long plainPause = gc.longestWithin(plainRounds);
        Reference.reachabilityFence(sink);
        String size = sizeText(chunks * Scenarios.CHUNK);
        out.add(Measurement.of("script.bulk", size + " in .dma: alloc_pages, CPU write, map TO_DEVICE, device read "
                + "expected == 0x5A, per 4 MiB", "ms", script, Double.NaN, true));
        out.add(Measurement.of("script.bulk_plain", "plain Java moving the same bytes (fill, copy, compare)", "ms",
                plain, Double.NaN, true));
        out.add(Measurement.of("script.bulk_ratio", "script.bulk / script.bulk_plain, per round", "x", ratio, 1.2,
                true));
        out.add(Measurement.of("script.bulk_gc_pause", "longest collector pause during the script.bulk rounds (not "
                + "counting the bench's System.gc() between rounds)", "ms", new double[] {pause}, 200, true));
        out.add(Measurement.of("script.bulk_plain_gc_pause", "the same during the plain Java rounds", "ms",
                new double[] {plainPause}, Double.NaN, true));
    }

    /** {@code dmasim run} of a small scenario through the launcher against {@code java -version}. */
    private Measurement coldStart(Path launcher) {
        int rounds = o.quick() ? 5 : 11;
        double[][] ms;
        try {
            ms = ColdStart.measure(launcher, rounds);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
        double[] ratio = new double[rounds];
        for (int i = 0; i < rounds; i++) {
            ratio[i] = ms[i][1] / ms[i][0];
        }
        return Measurement.of("launcher.cold_start", "dmasim run of a small scenario / java -version (same JDK), "
                + "through " + launcher.getFileName() + ", per pair", "x", ratio, 5, true);
    }

    private void bulk(List<Measurement> out) {
        long bytes = o.bytes(BULK);
        String size = sizeText(bytes);
        double[] copy = new double[o.rounds()];
        double[] dma = new double[o.rounds()];
        double[] ratio = new double[o.rounds()];
        Scenarios.Memcpy memcpy = new Scenarios.Memcpy(bytes);
        Scenarios.Bulk bulk = new Scenarios.Bulk(bytes);
        long sink = 0;
        for (int i = 0; i < o.warmups(); i++) {
            sink += memcpy.round() + bulk.round();
        }
        for (int i = 0; i < o.rounds(); i++) {
            // alternate, so both see the same machine load
            long t0 = System.nanoTime();
            sink += memcpy.round();
            long t1 = System.nanoTime();
            sink += bulk.round();
            long t2 = System.nanoTime();
            copy[i] = gbPerS(bytes, t1 - t0);
            dma[i] = gbPerS(bytes, t2 - t1);
            ratio[i] = 100 * dma[i] / copy[i];
        }
        if (bulk.reports() != 0) {
            throw new IllegalStateException("the bulk scenario raised " + bulk.reports() + " reports");
        }
        Reference.reachabilityFence(sink);
        Measurement host = Measurement.of("bulk.memcpy", "host memcpy, System.arraycopy of " + size, "GB/s", copy,
                Double.NaN, false);
        out.add(host);
        out.add(Measurement.of("bulk.dma", "CPU write + sync_for_device + device read of " + size, "GB/s", dma,
                Double.NaN, false));
        out.add(Measurement.of("bulk.ratio", "bulk DMA / memcpy bandwidth (same rounds)", "%", ratio, 25, false));
    }

    private Measurement small() {
        int n = o.quick() ? 50_000 : 200_000;
        Scenarios.Small s = new Scenarios.Small();
        double[] ns = new double[o.rounds()];
        long sink = 0;
        for (int w = 0; w < o.warmups() + 2; w++) {
            for (int i = 0; i < n; i++) {
                sink += s.triple();
            }
        }
        for (int r = 0; r < o.rounds(); r++) {
            long t0 = System.nanoTime();
            for (int i = 0; i < n; i++) {
                sink += s.triple();
            }
            ns[r] = (System.nanoTime() - t0) / (double) n;
        }
        if (s.reports() != 0) {
            throw new IllegalStateException("the small scenario raised " + s.reports() + " reports");
        }
        Reference.reachabilityFence(sink);
        return Measurement.of("small.map_sync_unmap", "dma_map_single + sync_for_cpu + unmap_single, 4 KiB", "ns",
                ns, 1000, true);
    }

    private Measurement dmabuf() {
        int n = o.quick() ? 500 : 2_000;
        Scenarios.DmaBuf d = new Scenarios.DmaBuf();
        double[] us = new double[o.rounds()];
        long sink = 0;
        for (int w = 0; w < o.warmups() + 2; w++) {
            for (int i = 0; i < n; i++) {
                sink += d.round();
            }
        }
        for (int r = 0; r < o.rounds(); r++) {
            long t0 = System.nanoTime();
            for (int i = 0; i < n; i++) {
                sink += d.round();
            }
            us[r] = (System.nanoTime() - t0) / 1e3 / n;
        }
        if (d.reports() != 0) {
            throw new IllegalStateException("the dma-buf scenario raised " + d.reports() + " reports");
        }
        Reference.reachabilityFence(sink);
        return Measurement.of("dmabuf.map_begin_end_unmap", "dma_buf_map_attachment + begin/end_cpu_access + "
                + "unmap_attachment, 1 MiB system heap, non-coherent importer", "us", us, Double.NaN, true);
    }

    private void uncertain(List<Measurement> out) {
        long bytes = o.bytes(UNCERTAIN);
        long before = usedAfterGc();
        Scenarios.Uncertain u = new Scenarios.Uncertain(bytes);
        double[] ms = new double[o.rounds()];
        long lines = 0;
        for (int i = 0; i < o.warmups(); i++) {
            u.prepare();
            lines = u.read();
        }
        for (int i = 0; i < o.rounds(); i++) {
            u.prepare();
            long t0 = System.nanoTime();
            lines = u.read();
            ms[i] = (System.nanoTime() - t0) / 1e6;
        }
        if (lines != bytes / 64) {
            throw new IllegalStateException("expected " + bytes / 64 + " uncertain lines, read " + lines);
        }
        u.prepare();
        double heap = (usedAfterGc() - before) / (double) MiB;
        Reference.reachabilityFence(u);
        out.add(Measurement.of("uncertain.read", "read " + sizeText(bytes) + ", two values in every line ("
                + lines + " lines)", "ms", ms, 1000 * o.scale(), true));
        // the state costs the uncertain lines' bytes (overlay) + DRAM + the shadow: 3 bytes per byte
        out.add(Measurement.of("uncertain.heap", "heap after GC holding those lines (DRAM + cache + shadow)", "MiB",
                new double[] {heap}, 3.5 * bytes / MiB, true));
    }

    private Measurement touched() {
        long bytes = o.bytes(TOUCHED);
        long before = usedAfterGc();
        Kernel k = Scenarios.touched(bytes);
        double heap = (usedAfterGc() - before) / (double) MiB;
        Reference.reachabilityFence(k);
        return Measurement.of("memory.touched", "heap after GC, 8 GiB machine with " + sizeText(bytes)
                + " written and synced", "MiB", new double[] {heap}, 1.3 * bytes / MiB, true);
    }

    private Measurement mappings() {
        int count = (int) Math.max(1000, MAPPINGS * o.scale());
        long before = usedAfterGc();
        Kernel k = Scenarios.liveMappings(count);
        double heap = (usedAfterGc() - before) / 1e6;
        Reference.reachabilityFence(k);
        return Measurement.of("memory.mappings", "heap after GC, " + count + " live 4 KiB mappings", "MB",
                new double[] {heap}, 300.0 * count / MAPPINGS, true);
    }

    static String sizeText(long bytes) {
        return bytes % MiB == 0 ? bytes / MiB + " MiB" : bytes / 1024 + " KiB";
    }

    private static double gbPerS(long bytes, long nanos) {
        return bytes / (double) nanos;
    }

    /** Heap in use after full collections (until it stops shrinking). */
    static long usedAfterGc() {
        var mem = ManagementFactory.getMemoryMXBean();
        long last = Long.MAX_VALUE;
        for (int i = 0; i < 5; i++) {
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
