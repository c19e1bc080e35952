package org.dmasim.polyglot;

import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Duration;
import org.dmasim.interpreter.ScenarioRunner;
import org.dmasim.interpreter.diag.SourceFile;
import org.dmasim.interpreter.eval.SilentListener;

/**
 * The front ends' speed on the hot path: N map / mapping_error / sync / unmap rounds of one
 * receive buffer, as a {@code .dma} {@code for} loop, from JavaScript and from Python. Each front
 * end runs {@code rounds} times in this JVM (the first ones warm the compilers); the best
 * time per round-trip is printed.
 *
 * <p>{@code java -cp ... org.dmasim.polyglot.Bench [N] [rounds] [python N]}, with the launcher's
 * polyglot flags for the optimizing runtime.
 */
public final class Bench {
    private static final String SETUP_DMA = """
            arch arm64
            device nic { dma_mask: 64, coherent: false }
            let rx = alloc_pages(4KiB)
            """;

    private Bench() {
    }

    public static void main(String[] args) {
        long n = args.length > 0 ? Long.parseLong(args[0]) : 1_000_000;
        int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 3;
        long pyN = args.length > 2 ? Long.parseLong(args[2]) : n;
        PrintStream out = System.out;
        out.println("engine: " + PolyglotRunner.implementationName() + ", Java " + Runtime.version());
        out.printf("dma:    %8.0f ns per round (N=%d)%n", best(rounds, () -> dma(n)) / n, n);
        out.printf("js:     %8.0f ns per round (N=%d)%n", best(rounds, () -> guest(Language.JS, n)) / n, n);
        out.printf("python: %8.0f ns per round (N=%d)%n", best(rounds, () -> guest(Language.PYTHON, pyN)) / pyN, pyN);
        long calls = 1_000_000;
        out.printf("one call, dma_need_sync(nic, m), N=%d:%n", calls);
        out.printf("  dma:    %6.0f ns%n", best(rounds, () -> dmaCalls(calls)) / calls);
        out.printf("  js:     %6.0f ns%n", best(rounds, () -> guestCalls(Language.JS, calls)) / calls);
        out.printf("  python: %6.0f ns%n", best(rounds, () -> guestCalls(Language.PYTHON, calls)) / calls);
    }

    private static double best(int rounds, Runnable body) {
        double best = Double.MAX_VALUE;
        for (int i = 0; i < rounds; i++) {
            long start = System.nanoTime();
            body.run();
            best = Math.min(best, System.nanoTime() - start);
        }
        return best;
    }

    private static ScenarioRunner.Options options() {
        return new ScenarioRunner.Options(null, Duration.ofMinutes(30), Long.MAX_VALUE, true);
    }

    private static void dma(long n) {
        String text = SETUP_DMA + """
                for i in 0..%d {
                    let m = dma_map_single(nic, rx, DMA_FROM_DEVICE)
                    dma_mapping_error(nic, m)
                    dma_sync_single_for_cpu(nic, m, 4KiB, DMA_FROM_DEVICE)
                    dma_unmap_single(nic, m, 4KiB, DMA_FROM_DEVICE)
                }
                expect clean
                """.formatted(n);
        check(ScenarioRunner.run(new SourceFile("bench.dma", text), Path.of("."), options(), new SilentListener(),
                nowhere(), System.err), "dma");
    }

    private static void guest(Language language, long n) {
        String text = language == Language.JS ? """
                dmasim.arch("arm64");
                const nic = dmasim.device("nic", { dma_mask: 64, coherent: false });
                const rx = dmasim.alloc_pages(4096);
                const D = dmasim, FROM = D.DMA_FROM_DEVICE;
                for (let i = 0; i < %d; i++) {
                    const m = D.dma_map_single(nic, rx, FROM);
                    D.dma_mapping_error(nic, m);
                    D.dma_sync_single_for_cpu(nic, m, 4096, FROM);
                    D.dma_unmap_single(nic, m, 4096, FROM);
                }
                D.eval("expect clean");
                """.formatted(n) : """
                dmasim.arch("arm64")
                nic = dmasim.device("nic", {"dma_mask": 64, "coherent": False})
                rx = dmasim.alloc_pages(4096)
                def loop(D, n):
                    FROM = D.DMA_FROM_DEVICE
                    for i in range(n):
                        m = D.dma_map_single(nic, rx, FROM)
                        D.dma_mapping_error(nic, m)
                        D.dma_sync_single_for_cpu(nic, m, 4096, FROM)
                        D.dma_unmap_single(nic, m, 4096, FROM)
                loop(dmasim, %d)
                dmasim.eval("expect clean")
                """.formatted(n);
        SourceFile script = new SourceFile(language == Language.JS ? "bench.js" : "bench.py", text);
        check(PolyglotRunner.run(script, language, Path.of("."), PolyglotRunner.Options.of(options(), false),
                new SilentListener(), nowhere(), System.err), language.displayName());
    }

    private static void dmaCalls(long n) {
        String text = SETUP_DMA + """
                let m = dma_map_single(nic, rx, DMA_FROM_DEVICE)
                dma_mapping_error(nic, m)
                for i in 0..%d { dma_need_sync(nic, m) }
                dma_unmap_single(m)
                """.formatted(n);
        check(ScenarioRunner.run(new SourceFile("calls.dma", text), Path.of("."), options(), new SilentListener(),
                nowhere(), System.err), "dma");
    }

    private static void guestCalls(Language language, long n) {
        String text = language == Language.JS ? """
                dmasim.arch("arm64");
                const nic = dmasim.device("nic", { dma_mask: 64, coherent: false });
                const rx = dmasim.alloc_pages(4096);
                const m = dmasim.dma_map_single(nic, rx, dmasim.DMA_FROM_DEVICE);
                dmasim.dma_mapping_error(nic, m);
                const D = dmasim;
                for (let i = 0; i < %d; i++) D.dma_need_sync(nic, m);
                dmasim.dma_unmap_single(m);
                """.formatted(n) : """
                dmasim.arch("arm64")
                nic = dmasim.device("nic", {"dma_mask": 64, "coherent": False})
                rx = dmasim.alloc_pages(4096)
                m = dmasim.dma_map_single(nic, rx, dmasim.DMA_FROM_DEVICE)
                dmasim.dma_mapping_error(nic, m)
                def loop(D, n, nic, m):
                    for i in range(n):
                        D.dma_need_sync(nic, m)
                loop(dmasim, %d, nic, m)
                dmasim.dma_unmap_single(m)
                """.formatted(n);
        SourceFile script = new SourceFile(language == Language.JS ? "calls.js" : "calls.py", text);
        check(PolyglotRunner.run(script, language, Path.of("."), PolyglotRunner.Options.of(options(), false),
                new SilentListener(), nowhere(), System.err), language.displayName());
    }

    private static void check(int exit, String what) {
        if (exit != 0) {
            throw new IllegalStateException(what + " run exited " + exit);
        }
    }

    private static PrintStream nowhere() {
        return new PrintStream(OutputStream.nullOutputStream());
    }
}
