package org.dmasim.repl;

import java.nio.file.Path;
import org.dmasim.interpreter.ScenarioRunner;
import org.dmasim.interpreter.Session;
import org.dmasim.interpreter.eval.SilentListener;
import org.dmasim.interpreter.parse.ScriptParser;

/**
 * Loads and initialises the parser, the evaluator and the engine on a background thread while the
 * terminal and the line reader are being built, so the first prompt and the first entry come sooner.
 * It uses a throwaway session and prints nothing.
 */
public final class Warmup {
    private static final String SAMPLE = """
            device warm { dma_mask: 64, coherent: false }
            let b = alloc_pages(4KiB)
            cpu writes b[0..64] = 1
            let m = dma_map_single(warm, b, DMA_TO_DEVICE)
            warm reads m[0..64]
            dma_unmap_single(m)
            """;

    private Warmup() {
    }

    /** Starts warming up; returns at once. */
    public static void start() {
        Thread t = new Thread(Warmup::run, "dmasim-warmup");
        t.setDaemon(true);
        t.setPriority(Thread.MIN_PRIORITY);
        t.start();
    }

    private static void run() {
        try {
            Session.isComplete(SAMPLE);
            new ScriptParser().lexemes(SAMPLE);
            new Session(ScenarioRunner.Options.defaults(), new SilentListener(), Path.of("")).eval(SAMPLE);
        } catch (RuntimeException e) {
            // only a head start: the real session reports its own errors
        }
    }
}
