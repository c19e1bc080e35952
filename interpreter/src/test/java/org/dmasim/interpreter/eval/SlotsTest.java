package org.dmasim.interpreter.eval;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.dmasim.interpreter.ScenarioRunner;
import org.dmasim.interpreter.Session;
import org.dmasim.interpreter.diag.SourceFile;
import org.dmasim.interpreter.output.TextOutput;
import org.junit.jupiter.api.Test;

/**
 * Names resolved to slots once ({@link Slots}) mean what they meant when every use looked its name
 * up through the scopes: the cases where a slot alone would answer wrongly.
 */
class SlotsTest {
    private static String run(String script) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        PrintStream out = new PrintStream(bytes, true, StandardCharsets.UTF_8);
        int exit = ScenarioRunner.run(new SourceFile("t.dma", script), null, ScenarioRunner.Options.defaults(),
                new TextOutput(out), out, out);
        String text = bytes.toString(StandardCharsets.UTF_8);
        assertEquals(0, exit, text);
        return text;
    }

    @Test
    void aUseBeforeItsLetSeesTheOuterBinding() {
        run("""
                let x = 1
                let seen = 0
                fn f() { seen = x; let x = 2; x = x + 1; return x }
                expect f() == 3
                expect seen == 1 and x == 1
                let k = 0
                while k < 3 { k = k + 1; if k == 2 { expect x == 1 }; let x = k * 10; expect x == k * 10 }
                """);
    }

    @Test
    void functionsSeeGlobalsBoundAfterThemAndTheirEnclosingLocals() {
        run("""
                fn g() { return later + 1 }
                let later = 41
                expect g() == 42
                later = 1
                expect g() == 2
                fn outer(a) { fn inner(b) { return a + b }; let a = a * 10; return inner(1) }
                expect outer(2) == 21
                fn counter() { let n = 0; fn bump() { n = n + 1; return n }; bump(); bump(); return bump() }
                expect counter() == 3
                """);
    }

    @Test
    void eachRoundBindsAFreshLetAndAssignmentsReachTheLoopsOwn() {
        run("""
                let sum = 0
                for i in 0..3 { let v = i * 10; if i == 1 { v = v + 1 }; sum = sum + v }
                expect sum == 31
                let fs = []
                for i in [1, 2] { fn get() { return i }; fs = fs + [get] }
                let f0 = fs[0]
                let f1 = fs[1]
                expect f0() == 1 and f1() == 2
                """);
    }

    @Test
    void aLocalMayShadowABuiltinWhichStaysForTheRest() {
        String out = run("""
                fn h(print) { return print + 1 }
                expect h(1) == 2
                fn k() { let u32 = 5; return u32 }
                expect k() == 5
                print(u32(7))
                """);
        assertTrue(out.contains("7"), out);
    }

    @Test
    void aReplRollbackUnbindsWhatTheFailedEntryBound() {
        Session s = new Session(ScenarioRunner.Options.defaults(), new SilentListener(), Path.of(""));
        assertTrue(s.eval("let a = 1\nfn get() { return a + c }\nlet c = 0").ok());
        assertFalse(s.eval("let b = 2\na = a + 1\nc = 10\nlet z = [1][5]").ok());
        assertTrue(s.eval("expect a == 1 and get() == 1").ok());
        assertFalse(s.eval("let d = b").ok(), "b was unbound again");
        assertTrue(s.eval("let b = 5\na = 7\nexpect get() == 7 and b == 5").ok());
    }
}
