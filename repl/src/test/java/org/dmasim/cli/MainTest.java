package org.dmasim.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MainTest {
    /** What one invocation printed and returned. */
    record Result(int exit, String out, String err) {
    }

    /** Runs {@code args} as {@code dmasim} does: with the command line built for them. */
    static Result run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int exit = Main.commandLine(new PrintWriter(out), new PrintWriter(err), args).execute(args);
        return new Result(exit, out.toString(), err.toString());
    }

    /** Runs {@code args} under the command line with every subcommand registered. */
    static Result runFull(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int exit = Main.commandLine(new PrintWriter(out), new PrintWriter(err)).execute(args);
        return new Result(exit, out.toString(), err.toString());
    }

    @Test
    void aCommandBuiltAloneParsesHelpsAndFailsAsUnderTheFullCommandLine() {
        String[][] cases = {
            {"run", "--help"}, {"run"}, {"run", "--frobnicate", "x.dma"}, {"run", "no-such-scenario.dma"},
            {"run", "--timeout", "soon", "x.dma"}, {"run", "--format", "xml", "x.dma"}, {"run", "-V"},
            {"check", "--help"}, {"check", "--frobnicate"}, {"test", "--help"}, {"test", "-j", "0", "x"}, {"repl", "--help"},
            {"bench", "--help"}, {"bench", "--only", "nosuch"}, {"bench", "--size-scale", "9"}, {"lsp", "--help"}};
        for (String[] args : cases) {
            assertTrue(Main.standalone(args[0]) != null, args[0] + " is built alone");
            assertEquals(runFull(args), run(args), String.join(" ", args));
        }
    }

    @Test
    void helpCompletionAndOptionsSeeEveryCommand() {
        for (String[] args : new String[][] {{"--help"}, {"help"}, {"help", "run"}, {"completion", "bash"}, {"-V"}}) {
            assertEquals(null, Main.standalone(args[0]), args[0]);
            assertEquals(runFull(args), run(args), String.join(" ", args));
        }
        String completion = run("completion", "bash").out();
        for (String command : new String[] {"run", "check", "test", "repl", "bench", "completion", "lsp", "help"}) {
            assertTrue(completion.contains(command), command + " in the completion script");
        }
    }

    @Test
    void versionNamesTheProjectVersionAndTheJavaRuntime() {
        Result r = run("--version");
        assertEquals(0, r.exit());
        assertTrue(r.out().matches("dmasim \\d+\\.\\d+\\.\\d+(-SNAPSHOT)? \\(Java \\S+\\)\\R"), r.out());
        assertEquals("", r.err());
    }

    @Test
    void helpListsTheRunCommandAndTheExitCodes() {
        Result r = run("--help");
        assertEquals(0, r.exit());
        assertTrue(r.out().startsWith("Usage: dmasim"), r.out());
        assertTrue(r.out().contains("run "), r.out());
        assertTrue(r.out().contains("Exit codes:"), r.out());
    }

    @Test
    void runHelpListsItsOptions() {
        Result r = run("run", "--help");
        assertEquals(0, r.exit());
        for (String option : new String[] {"FILE", "--arch", "--timeout", "--format", "--debug"}) {
            assertTrue(r.out().contains(option), option + " in\n" + r.out());
        }
    }

    @Test
    void unknownSubcommandIsAUsageError() {
        Result r = run("frobnicate");
        assertEquals(2, r.exit());
        assertTrue(r.err().startsWith("error: Unmatched argument at index 0: 'frobnicate'"), r.err());
        assertTrue(r.err().contains("Try 'dmasim --help' for more information."), r.err());
        assertNoStackTrace(r);
    }

    @Test
    void misspelledSubcommandGetsASuggestion() {
        Result r = run("rum", "x.dma");
        assertEquals(2, r.exit());
        assertTrue(r.err().contains("Did you mean: dmasim run?"), r.err());
    }

    @Test
    void noCommandIsAUsageError() {
        Result r = run();
        assertEquals(2, r.exit());
        assertTrue(r.err().startsWith("error: missing command"), r.err());
    }

    @Test
    void missingFileIsReportedBeforeRunning() {
        Result r = run("run", "no-such-scenario.dma");
        assertEquals(2, r.exit());
        assertEquals("error: cannot read no-such-scenario.dma: no such file" + System.lineSeparator(), r.err());
        assertEquals("", r.out());
    }

    @Test
    void directoryIsNotAScript(@TempDir Path dir) {
        Result r = run("run", dir.toString());
        assertEquals(2, r.exit());
        assertEquals("error: cannot read " + dir + ": is a directory (dmasim test runs a folder)" + System.lineSeparator(),
                r.err());
    }

    @Test
    void runWithoutFileIsAUsageError() {
        Result r = run("run");
        assertEquals(2, r.exit());
        assertTrue(r.err().startsWith("error: Missing required parameter: 'FILE'"), r.err());
        assertTrue(r.err().contains("Try 'dmasim run --help' for more information."), r.err());
        assertNoStackTrace(r);
    }

    @Test
    void unknownOptionIsAUsageError() {
        Result r = run("run", "--frobnicate", "x.dma");
        assertEquals(2, r.exit());
        assertTrue(r.err().startsWith("error: Unknown option: '--frobnicate'"), r.err());
        assertNoStackTrace(r);
    }

    @Test
    void jsonFormatOfAMissingFileIsAScriptErrorEventThenExit() {
        Result r = run("run", "--format", "json", "x.dma");
        assertEquals(2, r.exit());
        assertTrue(r.out().contains("\"message\":\"cannot read x.dma: no such file\""), r.out());
        assertTrue(r.out().strip().endsWith("{\"event\":\"exit\",\"code\":2}"), r.out());
        assertEquals("", r.err());
        assertNoStackTrace(r);
    }

    @Test
    void unknownFormatIsAUsageError() {
        Result r = run("run", "--format", "xml", "x.dma");
        assertEquals(2, r.exit());
        assertTrue(r.err().contains("--format"), r.err());
        assertNoStackTrace(r);
    }

    @Test
    void badTimeoutIsAUsageError() {
        Result r = run("run", "--timeout", "soon", "x.dma");
        assertEquals(2, r.exit());
        assertTrue(r.err().contains("'soon' is not a duration"), r.err());
        assertNoStackTrace(r);
    }

    private static void assertNoStackTrace(Result r) {
        assertFalse(r.err().contains("\tat "), r.err());
        assertFalse(r.out().contains("\tat "), r.out());
    }

    @Test
    void replHelpListsItsOptions() {
        Result r = run("repl", "--help");
        assertEquals(0, r.exit());
        for (String option : new String[] {"--arch", "--timeout", "--max-steps", "--debug"}) {
            assertTrue(r.out().contains(option), option + " in\n" + r.out());
        }
    }
}
