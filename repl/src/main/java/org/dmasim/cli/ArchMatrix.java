package org.dmasim.cli;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.dmasim.api.Expectation;
import org.dmasim.api.Position;
import org.dmasim.api.Report;
import org.dmasim.api.Result;
import org.dmasim.api.SandboxBuilder;
import org.dmasim.api.ScriptError;
import org.dmasim.api.Status;
import org.dmasim.interpreter.eval.Stdlib;

/**
 * {@code dmasim run FILE --arch all}: the scenario once per stdlib arch profile, each in a sandbox
 * forcing that arch, then a matrix of its expectations (rows) by profile (columns) and one verdict
 * per profile. Exit 0 iff every run passes; 2 when the script itself is wrong (its errors are
 * printed once).
 */
final class ArchMatrix {
    private ArchMatrix() {
    }

    /** What one run judged: each expectation (ANDed over repeats) and the unexpected errors. */
    private record Verdicts(Map<String, Boolean> expectations, List<String> unexpected, boolean pass) {
        static Verdicts of(Result r, String file) {
            Map<String, Boolean> expectations = new LinkedHashMap<>();
            for (Expectation e : r.expectations()) {
                expectations.merge(e.position().line() + ":" + e.position().column() + "  " + e.source(), e.passed(),
                        Boolean::logicalAnd);
            }
            List<String> unexpected = r.reports().stream().filter(Report::fails)
                    .map(x -> x.code() + " at " + where(x.position(), file)).toList();
            return new Verdicts(expectations, unexpected, r.status() == Status.PASSED);
        }
    }

    /** {@code line:col}, with the file in front when it is another than the scenario (an imported library). */
    private static String where(Position p, String file) {
        if (p == null) {
            return "?";
        }
        return (p.file().equals(file) ? "" : p.file() + ":") + p.line() + ":" + p.column();
    }

    static int run(Path file, SandboxBuilder sandbox, PrintStream out, PrintStream err) {
        List<String> arches = Stdlib.index("arch");
        Map<String, Verdicts> runs = new LinkedHashMap<>();
        Map<String, Boolean> rows = new LinkedHashMap<>();
        for (String arch : arches) {
            Result r = sandbox.arch(arch).build().run(file);
            if (r.status() == Status.SCRIPT_ERROR || r.status() == Status.LIMIT_EXCEEDED
                    || r.status() == Status.INTERNAL_ERROR) {
                PrintStream to = r.status() == Status.INTERNAL_ERROR ? err : out;
                for (ScriptError e : r.errors()) {
                    to.print(e.text());
                }
                out.println("(under --arch " + arch + ")");
                return r.exitCode();
            }
            Verdicts v = Verdicts.of(r, file.toString());
            runs.put(arch, v);
            v.expectations().keySet().forEach(k -> rows.putIfAbsent(k, true));
        }
        int width = rows.keySet().stream().mapToInt(String::length).max().orElse(10);
        width = Math.max(Math.min(width, 60), "unexpected errors".length());
        StringBuilder head = new StringBuilder(pad("expectation", width));
        for (String arch : arches) {
            head.append("  ").append(arch);
        }
        out.println(head.toString().stripTrailing());
        for (String row : rows.keySet()) {
            StringBuilder line = new StringBuilder(pad(row.length() > width ? row.substring(0, width - 3) + "..." : row,
                    width));
            for (String arch : arches) {
                Boolean v = runs.get(arch).expectations().get(row);
                line.append("  ").append(pad(v == null ? "-" : v ? "pass" : "FAIL", arch.length()));
            }
            out.println(line.toString().stripTrailing());
        }
        StringBuilder errors = new StringBuilder(pad("unexpected errors", width));
        StringBuilder verdicts = new StringBuilder(pad("verdict", width));
        boolean all = true;
        for (String arch : arches) {
            errors.append("  ").append(pad(Integer.toString(runs.get(arch).unexpected().size()), arch.length()));
            boolean pass = runs.get(arch).pass();
            all &= pass;
            verdicts.append("  ").append(pad(pass ? "PASS" : "FAIL", arch.length()));
        }
        out.println(errors.toString().stripTrailing());
        out.println(verdicts.toString().stripTrailing());
        for (String arch : arches) {
            if (!runs.get(arch).unexpected().isEmpty()) {
                out.println(arch + ": " + String.join(", ", runs.get(arch).unexpected()));
            }
        }
        out.println(all ? "PASS on every arch" : "FAIL on " + runs.entrySet().stream()
                .filter(e -> !e.getValue().pass()).map(Map.Entry::getKey).toList());
        return all ? 0 : 1;
    }

    private static String pad(String s, int width) {
        return s.length() >= width ? s : s + " ".repeat(width - s.length());
    }
}
