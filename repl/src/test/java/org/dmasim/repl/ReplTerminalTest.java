package org.dmasim.repl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PipedInputStream;
import java.io.PipedOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.dmasim.interpreter.ScenarioRunner;
import org.jline.terminal.Terminal;
import org.jline.terminal.impl.DumbTerminal;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** Drives the REPL through a JLine dumb terminal over piped streams, as a user at a keyboard would. */
class ReplTerminalTest {
    @TempDir
    Path dir;

    /** A REPL on a dumb terminal; keys go in through {@link #type}, everything shown comes out of {@link #shown}. */
    final class Driven implements AutoCloseable {
        final PipedOutputStream keys = new PipedOutputStream();
        final ByteArrayOutputStream screen = new ByteArrayOutputStream();
        final Terminal terminal;
        final Repl repl;
        final Thread thread;

        Driven(ScenarioRunner.Options options) throws IOException {
            terminal = new DumbTerminal("test", "ansi", new PipedInputStream(keys, 1 << 16), screen,
                    StandardCharsets.UTF_8);
            terminal.setSize(new org.jline.terminal.Size(200, 50));
            repl = new Repl(options, new PrintStream(terminal.output(), true, StandardCharsets.UTF_8), dir);
            thread = new Thread(() -> repl.interactive(terminal, dir.resolve("history")), "repl-under-test");
            thread.start();
        }

        void type(String text) throws IOException {
            keys.write(text.getBytes(StandardCharsets.UTF_8));
            keys.flush();
        }

        String shown() {
            synchronized (screen) {
                return screen.toString(StandardCharsets.UTF_8);
            }
        }

        /** Ctrl-D: the end of input ends the REPL. */
        String finish() throws Exception {
            keys.close();
            thread.join(20_000);
            assertFalse(thread.isAlive(), "the REPL did not end at end of input:\n" + shown());
            return shown();
        }

        @Override
        public void close() throws IOException {
            keys.close();
            terminal.close();
        }
    }

    static ScenarioRunner.Options options() {
        return new ScenarioRunner.Options(null, Duration.ofMinutes(2), Long.MAX_VALUE, false);
    }

    @Test
    @Timeout(30)
    void tabCompletesADeclaredVariableAndABuiltinInHelp() throws Exception {
        try (Driven r = new Driven(options())) {
            r.type("let threshold = 41\n");
            r.type("thresh\t + 1\n");
            r.type(":help dma_map_si\t\n");
            String out = r.finish();
            assertTrue(out.contains("\n42\n") || out.contains("42\n"), out);
            assertTrue(out.contains("dma_map_single(dev, buf, dir"), out);
            String history = Files.readString(dir.resolve("history"));
            assertTrue(history.contains("let threshold = 41"), "entries are kept in the history file:\n" + history);
        }
    }

    @Test
    @Timeout(30)
    void openBracesContinueTheEntryUnderTheSecondaryPrompt() throws Exception {
        try (Driven r = new Driven(options())) {
            r.type("for i in 0..3 {\n");
            r.type("print(i * 10)\n");
            r.type("}\n");
            String out = r.finish();
            assertTrue(out.contains(Repl.CONTINUATION), out);
            assertTrue(out.contains("0\n10\n20\n"), out);
        }
    }

    @Test
    @Timeout(60)
    void ctrlCInterruptsALongLoopAndKeepsTheSession() throws Exception {
        try (Driven r = new Driven(options())) {
            r.type("let n = 7\n");
            r.type("while true { n = n + 1 }\n");
            long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
            while (!r.shown().contains("interrupted")) {
                assertTrue(System.nanoTime() < deadline, "Ctrl-C did not stop the loop:\n" + r.shown());
                Thread.sleep(100);
                if (r.repl.evaluating() && !r.repl.session().entries().isEmpty()) {
                    r.terminal.raise(Terminal.Signal.INT);
                }
            }
            r.type("n\n");
            String out = r.finish();
            assertTrue(out.contains("interrupted"), out);
            // the interrupted entry failed, so the machine is as it was before it: n is still 7
            assertEquals(new org.dmasim.interpreter.eval.Value.Int(7), r.repl.session().globals().lookup("n"), out);
            assertFalse(r.repl.session().entries().contains("while true { n = n + 1 }"), out);
        }
    }

    @Test
    @Timeout(60)
    void saveThenRunReproducesTheSessionsOutcomes() throws Exception {
        Path saved = dir.resolve("session.dma");
        String out;
        try (Driven r = new Driven(options())) {
            r.type(":arch arm64\n");
            r.type("device nic { dma_mask: 64, coherent: false }\n");
            r.type("let rx = alloc_pages(4KiB)\n");
            r.type("cpu writes rx = 0x00\n");
            r.type("let m = dma_map_single(nic, rx, DMA_FROM_DEVICE)\n");
            r.type("free_pages(42)\n");
            r.type("nic writes m = 0x5A\n");
            r.type("cpu reads rx[0..64]\n");
            r.type(":save " + saved + "\n");
            out = r.finish();
        }
        String script = Files.readString(saved);
        assertTrue(script.startsWith("# saved by the dmasim REPL\narch arm64\n"), script);
        assertFalse(script.contains("free_pages(42)"), "a failed entry is not saved:\n" + script);
        ByteArrayOutputStream ran = new ByteArrayOutputStream();
        int exit = ScenarioRunner.run(saved, ScenarioRunner.Options.defaults(),
                new PrintStream(ran, true, StandardCharsets.UTF_8), System.err);
        String run = ran.toString(StandardCharsets.UTF_8);
        assertEquals(ScenarioRunner.FAIL, exit, run);
        List<String> replOutcomes = outcomes(out);
        assertTrue(replOutcomes.size() >= 2, out);
        assertEquals(replOutcomes, outcomes(run), "REPL:\n" + out + "\nrun:\n" + run);
        assertTrue(run.contains("error[STALE_READ]"), run);
        assertTrue(out.contains("error[STALE_READ]"), out);
    }

    @Test
    @Timeout(30)
    void aSpaceBeforeAClosingBracketIsKeptAndSaved() throws Exception {
        Path saved = dir.resolve("spaces.dma");
        try (Driven r = new Driven(options())) {
            r.type("let xs = [1, 2 ]\n");
            r.type("print(len(xs) )\n");
            r.type("for i in 0..1 {\n");
            r.type("print(i)\n");
            r.type("}\n");
            r.type(":save " + saved + "\n");
            String out = r.finish();
            assertTrue(out.contains("2\n"), out);
        }
        String script = Files.readString(saved);
        assertTrue(script.contains("let xs = [1, 2 ]\nprint(len(xs) )\n"), script);
        assertTrue(script.contains("for i in 0..1 {\n    print(i)\n}\n"),
                "a continuation line is indented, a closer alone on its line dedented:\n" + script);
    }

    /** The outcome lines of every read (value and witness), positions left out. */
    static List<String> outcomes(String output) {
        return output.lines().filter(l -> l.startsWith("    0x") || l.startsWith("    [")).map(String::strip)
                .map(l -> l.replaceAll("(\\[\\d+\\]:)?\\d+:\\d+", "L:C")).toList();
    }
}
