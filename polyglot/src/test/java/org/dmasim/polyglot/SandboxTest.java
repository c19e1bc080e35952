package org.dmasim.polyglot;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.dmasim.interpreter.ScenarioRunner;
import org.dmasim.interpreter.diag.SourceFile;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Escape attempts end with a clear error and touch nothing; runaway scripts end at their limit
 * with a message naming it.
 */
class SandboxTest {
    @TempDir
    Path tmp;

    private static FrontEndsTest.Run js(String text) {
        return run(text, Language.JS, FrontEndsTest.patient());
    }

    private static FrontEndsTest.Run py(String text) {
        // The default 30 s limit is a user's budget; here it only bounds a hung guest. `import subprocess` alone
        // took 31 to 75 s on the 2-core build machine while other builds ran (load average 12 to 24).
        return run(text, Language.PYTHON, new ScenarioRunner.Options(null, Duration.ofMinutes(5),
                ScenarioRunner.Options.DEFAULT_STEPS, false));
    }

    private static FrontEndsTest.Run run(String text, Language language, ScenarioRunner.Options options) {
        return FrontEndsTest.runGuest(new SourceFile(language == Language.JS ? "escape.js" : "escape.py", text),
                language, options);
    }

    /** The run failed (exit 1) with an uncaught error whose message contains {@code words}. */
    private static void refused(FrontEndsTest.Run r, String words) {
        assertEquals(ScenarioRunner.FAIL, r.exit(), r.output());
        assertTrue(r.output().contains("uncaught") || r.output().contains("the sandbox refused"), r.output());
        assertTrue(r.output().contains(words), "expected '" + words + "' in:\n" + r.output());
        assertFalse(r.output().contains("\tat "), "no Java stack trace:\n" + r.output());
    }

    // ---- JavaScript

    @Test
    void jsJavaTypeIsRefused() {
        refused(js("const S = Java.type('java.lang.System'); S.exit(3);"), "Java");
    }

    @Test
    void jsLoadIsRefused() {
        Path secret = tmp.resolve("secret.js");
        refused(js("load('" + secret + "');"), "load");
    }

    @Test
    void jsPolyglotEvalIsRefused() {
        refused(js("Polyglot.eval('python', 'import os; os.system(\"true\")');"), "Polyglot");
    }

    @Test
    void jsCannotReplaceABuiltin() {
        FrontEndsTest.Run r = js("""
                'use strict';
                dmasim.alloc_pages = () => 42;
                """);
        refused(r, "writeMember (alloc_pages) on dmasim");
    }

    @Test
    void jsPrototypeTamperingLeavesTheBindingsAlone() {
        FrontEndsTest.Run r = js("""
                Object.prototype.alloc_pages = () => 42;
                Object.prototype.always = () => true;
                try { Object.setPrototypeOf(dmasim, { alloc_pages: () => 42 }); } catch (e) {}
                try { delete dmasim.cpu; } catch (e) {}
                const b = dmasim.alloc_pages(4096);
                if (typeof b === 'number') throw new Error('tampered');
                if (typeof dmasim.cpu.read !== 'function') throw new Error('cpu removed');
                dmasim.dma_map_single(dmasim.device('d', {}), b, dmasim.DMA_TO_DEVICE).no_such_field.x;
                """);
        // a field the handle lacks is the .dma mistake, not undefined (whose .x would be a TypeError)
        refused(r, "a DMA handle has no field 'no_such_field'");
    }

    @Test
    void jsHostObjectsExposeNoJava() {
        refused(js("""
                const m = dmasim.cpu.read;
                const c = m.getClass ? m.getClass() : undefined;
                if (c !== undefined) throw new Error('host class reachable');
                dmasim.constructor.constructor('return this')().Java.type('java.lang.Runtime');
                """), "Error");
    }

    @Test
    void jsWrongArgumentTypeIsAClearError() {
        FrontEndsTest.Run r = js("dmasim.dma_map_single(1, 2, 3);");
        refused(r, "DmasimError: dma_map_single: 'dev' must be a device, not an integer");
        assertTrue(r.output().contains("escape.js:1:"), r.output());
    }

    @Test
    void jsRunawayLoopEndsAtTheTimeLimit() {
        long start = System.nanoTime();
        FrontEndsTest.Run r = run("while (true) {}", Language.JS,
                new ScenarioRunner.Options(null, Duration.ofSeconds(2), Long.MAX_VALUE, false));
        assertEquals(ScenarioRunner.SCRIPT_ERROR, r.exit(), r.output());
        assertTrue(r.output().contains("longer than 2 s (the time limit; raise it with --timeout)"), r.output());
        assertTrue(System.nanoTime() - start < Duration.ofSeconds(10).toNanos());
    }

    @Test
    void jsRunawayLoopEndsAtTheStatementLimit() {
        FrontEndsTest.Run r = run("let i = 0; while (true) { i++; }", Language.JS,
                new ScenarioRunner.Options(null, Duration.ofSeconds(30), 100_000, false));
        assertEquals(ScenarioRunner.SCRIPT_ERROR, r.exit(), r.output());
        assertTrue(r.output().contains("more than 100000 statements (the statement limit"), r.output());
    }

    // ---- Python (one JVM: the first context is slow, the next ones reuse the engine)

    @Test
    void pyOpenIsRefused() {
        Path file = tmp.resolve("written.txt");
        refused(py("open('" + file + "', 'w').write('x')"), "Error");
        assertFalse(Files.exists(file));
    }

    @Test
    void pyOsSystemIsRefused() {
        Path marker = tmp.resolve("marker");
        FrontEndsTest.Run r = py("import os\nif os.system('touch " + marker + "') != 0: raise RuntimeError('refused')");
        refused(r, "Process creation is not allowed");
        assertFalse(Files.exists(marker), r.output());
    }

    @Test
    void pySubprocessIsRefused() {
        Path marker = tmp.resolve("marker");
        refused(py("import subprocess\nsubprocess.run(['touch', '" + marker + "'])"), "Error");
        assertFalse(Files.exists(marker));
    }

    @Test
    void pyImportJavaIsRefused() {
        refused(py("import java\njava.type('java.lang.System').exit(3)"), "Error");
    }

    @Test
    void pyThreadsAreRefused() {
        refused(py("import threading\nt = threading.Thread(target=lambda: None)\nt.start()\nt.join()"), "Creating threads is not allowed");
    }

    @Test
    void pyEnvironmentIsEmpty() {
        refused(py("import os\nprint(os.environ['PATH'])"), "KeyError");
    }

    @Test
    void pyRunawayLoopEndsAtTheTimeLimit() {
        FrontEndsTest.Run r = run("while True: pass", Language.PYTHON,
                new ScenarioRunner.Options(null, Duration.ofSeconds(2), Long.MAX_VALUE, false));
        assertEquals(ScenarioRunner.SCRIPT_ERROR, r.exit(), r.output());
        assertTrue(r.output().contains("longer than 2 s (the time limit; raise it with --timeout)"), r.output());
    }

    @Test
    void pyCannotReplaceABuiltin() {
        refused(py("dmasim.alloc_pages = lambda n: 42"), "alloc_pages");
    }

    @Test
    void engineIsTheOptimizingRuntime() {
        assertEquals("GraalVM CE", PolyglotRunner.implementationName());
    }
}
