package org.dmasim.polyglot;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import org.dmasim.interpreter.ScenarioRunner;
import org.dmasim.interpreter.diag.SourceFile;
import org.junit.jupiter.api.Test;

/**
 * A limit that stops a guest names the script line it stopped at, as a .dma limit does: the
 * statement limit, a limit seen inside a long engine call, the output limit. (The time limit
 * cancels the context from the watchdog's thread; GraalVM's cancellation carries no guest frame.)
 */
class LimitPositionsTest {
    private static FrontEndsTest.Run run(String name, String text, Language language, Duration timeout, long steps) {
        return FrontEndsTest.runGuest(new SourceFile(name, text), language,
                new ScenarioRunner.Options(null, timeout, steps, false));
    }

    @Test
    void javascriptsStatementLimitNamesTheLoop() {
        FrontEndsTest.Run r = run("t.js", "let n = 0;\nwhile (true) { n++; }\n", Language.JS, Duration.ofMinutes(5), 10_000);
        assertEquals(ScenarioRunner.SCRIPT_ERROR, r.exit(), r.output());
        assertTrue(r.output().contains("t.js:2:"), r.output());
        assertTrue(r.output().contains("(the statement limit"), r.output());
    }

    @Test
    void aLimitInsideALongEngineCallNamesTheCall() {
        // the engine's pulse sees the step budget inside one call; the guest line is the call's
        FrontEndsTest.Run r = run("t.js", "const v = dmasim.vmalloc(64 * 1024 * 1024);\ndmasim.cpu.probe(v);\n",
                Language.JS, Duration.ofMinutes(5), 2000);
        assertEquals(ScenarioRunner.SCRIPT_ERROR, r.exit(), r.output());
        assertTrue(r.output().contains("t.js:2:"), r.output());
        assertTrue(r.output().contains("(the step budget"), r.output());
    }

    @Test
    void javascriptsConsoleStopsAtTheOutputLimit() {
        FrontEndsTest.Run r = run("t.js", "const s = 'x'.repeat(1 << 20);\nwhile (true) { console.log(s); }\n",
                Language.JS, Duration.ofMinutes(5), Long.MAX_VALUE);
        assertEquals(ScenarioRunner.SCRIPT_ERROR, r.exit(), r.output().substring(Math.max(0, r.output().length() - 2000)));
        assertTrue(r.output().length() < (65L << 20), "at most the limit is written: " + r.output().length());
        assertTrue(r.output().contains("the script printed more than 64 MiB (the output limit)"),
                r.output().substring(Math.max(0, r.output().length() - 2000)));
    }
}
