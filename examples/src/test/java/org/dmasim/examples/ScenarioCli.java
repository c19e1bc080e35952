package org.dmasim.examples;

import java.io.PrintWriter;
import java.io.StringWriter;
import org.dmasim.cli.Main;

/** Runs the {@code dmasim} command line in-process, exactly as {@code main} builds it, and captures its output. */
final class ScenarioCli {
    /** What one invocation printed and returned. */
    record Result(int exit, String out, String err) {
        /** The golden-file form: stdout, then stderr, then the exit code. */
        String transcript() {
            return out + err + "exit: " + exit + "\n";
        }
    }

    private ScenarioCli() {
    }

    static Result run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int exit;
        try (PrintWriter o = new PrintWriter(out); PrintWriter e = new PrintWriter(err)) {
            exit = Main.commandLine(o, e).execute(args);
        }
        return new Result(exit, unixLines(out.toString()), unixLines(err.toString()));
    }

    static String unixLines(String text) {
        return text.replace("\r\n", "\n");
    }
}
