package org.dmasim.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The completion script, sourced into a real bash and asked what a TAB would offer. */
class CompletionCommandTest {
    private static final Path BASH = Path.of("/bin/bash");

    @TempDir
    Path dir;

    @Test
    void bashCompletesSubcommandsOptionsAndOptionValues() throws Exception {
        Path script = script("bash");
        assertTrue(complete(script, "dmasim ").containsAll(List.of("run", "check", "test", "repl", "completion")));
        assertEquals(List.of("--format"), complete(script, "dmasim run --form"));
        assertEquals(List.of("text", "json"), complete(script, "dmasim run --format "));
        assertEquals(List.of("bash", "zsh"), complete(script, "dmasim completion "));
    }

    @Test
    void zshGetsTheSameScriptWhichLoadsBashcompinitThere() {
        MainTest.Result bash = MainTest.run("completion", "bash");
        MainTest.Result zsh = MainTest.run("completion", "zsh");
        assertEquals(0, zsh.exit());
        assertEquals(bash.out(), zsh.out());
        assertTrue(zsh.out().contains("bashcompinit"), zsh.out());
        assertTrue(zsh.out().contains("complete -F _complete_dmasim"), zsh.out());
    }

    @Test
    void anUnknownShellIsAUsageError() {
        MainTest.Result r = MainTest.run("completion", "fish");
        assertEquals(2, r.exit());
        assertTrue(r.err().contains("fish"), r.err());
    }

    private Path script(String shell) throws IOException {
        MainTest.Result r = MainTest.run("completion", shell);
        assertEquals(0, r.exit(), r.err());
        Path script = dir.resolve("dmasim." + shell);
        Files.writeString(script, r.out());
        return script;
    }

    /** What bash offers for {@code line}, the cursor at its end, split into words as readline would. */
    private static List<String> complete(Path script, String line) throws Exception {
        assumeTrue(Files.isExecutable(BASH), "no /bin/bash");
        String words = line.endsWith(" ") ? line + "''" : line;
        String probe = "source '" + script + "'\n"
                + "COMP_WORDS=(" + words + ")\n"
                + "COMP_CWORD=$(( ${#COMP_WORDS[@]} - 1 ))\n"
                + "COMP_LINE='" + line + "'\n"
                + "COMP_POINT=${#COMP_LINE}\n"
                + "_complete_dmasim 2>/dev/null\n"
                + "printf '%s\\n' \"${COMPREPLY[@]}\"\n";
        Process p = new ProcessBuilder(BASH.toString(), "-c", probe).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(30, TimeUnit.SECONDS));
        assertEquals(0, p.exitValue(), out);
        return out.lines().filter(l -> !l.isEmpty()).toList();
    }
}
