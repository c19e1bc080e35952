package org.dmasim.fuzz;

import java.nio.file.Files;
import java.nio.file.Path;

/** Runs one file through the fuzz oracle's in-process runner (debugging). */
public final class RunOne {
    private RunOne() {
    }

    public static void main(String[] args) throws Exception {
        for (String a : args) {
            String text = Files.readString(Path.of(a));
            Runs.Run r = a.endsWith(".js") || a.endsWith(".py") ? Runs.js(text, a.endsWith(".py") ? "x.py" : "x.js", Oracle.WORK, new org.dmasim.interpreter.ScenarioRunner.Options(null, java.time.Duration.ofSeconds(20), 50_000_000, false))
                    : Runs.dma(text, "x.dma", Oracle.WORK, Oracle.options(text.hashCode()), false); // the oracle's limits
            System.out.println("== " + a + " exit " + r.exit() + " in " + r.duration().toMillis() + " ms"
                    + (r.escaped() != null ? " ESCAPED " + r.escaped() : "") + "\n" + Invariants.firstLines(r.output()));
        }
        System.exit(0);
    }
}
