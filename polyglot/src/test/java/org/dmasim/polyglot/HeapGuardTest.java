package org.dmasim.polyglot;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import org.dmasim.interpreter.ScenarioRunner;
import org.dmasim.interpreter.diag.SourceFile;
import org.junit.jupiter.api.Test;

/** A script that allocates without bound ends with the guard's message, not an OutOfMemoryError (its own JVM). */
class HeapGuardTest {
    @Test
    void jsUnboundedAllocationEndsAtTheHeapGuard() {
        FrontEndsTest.Run r = FrontEndsTest.runGuest(new SourceFile("hog.js",
                "const a = []; while (true) a.push(new Array(1000000).fill(1.5));"), Language.JS,
                new ScenarioRunner.Options(null, Duration.ofMinutes(10), Long.MAX_VALUE, false));
        assertEquals(ScenarioRunner.SCRIPT_ERROR, r.exit(), r.output());
        assertTrue(r.output().contains("(the memory guard; raise it with -Xmx)"), r.output());
    }

    @Test
    void pyUnboundedAllocationEndsAtTheHeapGuard() {
        FrontEndsTest.Run r = FrontEndsTest.runGuest(new SourceFile("hog.py",
                "a = []\nwhile True: a.append([1.5] * 1000000)"), Language.PYTHON,
                new ScenarioRunner.Options(null, Duration.ofMinutes(10), Long.MAX_VALUE, false));
        assertEquals(ScenarioRunner.SCRIPT_ERROR, r.exit(), r.output());
        assertTrue(r.output().contains("(the memory guard; raise it with -Xmx)"), r.output());
    }
}
