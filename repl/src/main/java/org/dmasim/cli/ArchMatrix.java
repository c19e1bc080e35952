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
import org.dmasim.interpreter.diag.Style;
import org.dmasim.interpreter.eval.Stdlib;
import org.dmasim.interpreter.output.JsonOutput;

/**
 * {@code dmasim run FILE --arch all}: the scenario once per stdlib arch profile, each in a sandbox
 * forcing that arch, then a matrix of its expectations (rows) by profile (columns) and one verdict
 * per profile. Exit 0 iff every run passes; 2 when the script itself is wrong (its errors are
 * shown once).
 */
final class ArchMatrix {
    /** One row: an expectation's position and text. */
    private record Row(int line, int column, String source) {
        String label() {
            return line + ":" + column + "  " + source;
        }
    }

    /** What one run judged: each expectation (ANDed over repeats) and the unexpected errors. */
    private record Verdicts(Map<Row, Boolean> expectations, List<String> unexpected, boolean pass) {
        static Verdicts of(Result r, String file) {
            Map<Row, Boolean> expectations = new LinkedHashMap<>();
            for (Expectation e : r.expectations()) {
                expectations.merge(new Row(e.position().line(), e.position().column(), e.source()), e.passed(),
                        Boolean::logicalAnd);
            }
            List<String> unexpected = r.reports().stream().filter(Report::fails)
                    .map(x -> x.code() + " at " + where(x.position(), file)).toList();
            return new Verdicts(expectations, unexpected, r.status() == Status.PASSED);
        }
    }

    private final List<String> arches = Stdlib.index("arch");
    private final Map<String, Verdicts> runs = new LinkedHashMap<>();
    private final Map<Row, Boolean> rows = new LinkedHashMap<>();

    private ArchMatrix() {
    }

    /** {@code line:col}, with the file in front when it is another than the scenario (an imported library). */
    private static String where(Position p, String file) {
        if (p == null) {
            return "?";
        }
        return (p.file().equals(file) ? "" : p.file() + ":") + p.line() + ":" + p.column();
    }

    /** Runs every profile; returns the run that stopped on an error of the script (or of dmasim), or null. */
    private Result runAll(Path file, SandboxBuilder sandbox, java.util.function.Function<String, PrintingListener> events) {
        for (String arch : arches) {
            PrintingListener listener = events.apply(arch);
            Result r = listener == null ? sandbox.arch(arch).build().run(file)
                    : sandbox.arch(arch).build().run(file, listener);
            if (r.status() == Status.SCRIPT_ERROR || r.status() == Status.LIMIT_EXCEEDED
                    || r.status() == Status.INTERNAL_ERROR) {
                return r;
            }
            Verdicts v = Verdicts.of(r, file.toString());
            runs.put(arch, v);
            v.expectations().keySet().forEach(k -> rows.putIfAbsent(k, true));
        }
        return null;
    }

    private boolean all() {
        return runs.values().stream().allMatch(Verdicts::pass);
    }

    /** The text matrix. */
    static int run(Path file, SandboxBuilder sandbox, Style style, PrintStream out, PrintStream err) {
        ArchMatrix m = new ArchMatrix();
        Result stopped = m.runAll(file, sandbox, arch -> null);
        if (stopped != null) {
            PrintStream to = stopped.status() == Status.INTERNAL_ERROR ? err : out;
            for (ScriptError e : stopped.errors()) {
                to.print(StyledText.error(e.text(), style));
            }
            out.println("(under --arch " + m.arches.get(m.runs.size()) + ")");
            return stopped.exitCode();
        }
        m.printText(out, style);
        return m.all() ? 0 : 1;
    }

    /** Every run's events tagged with {@code "arch"}, then an {@code arch_matrix} event; returns the exit code. */
    static int json(Path file, SandboxBuilder sandbox, JsonOutput json, PrintStream err) {
        ArchMatrix m = new ArchMatrix();
        Result stopped = m.runAll(file, sandbox, arch -> new PrintingListener(json.tagged("arch", arch)));
        if (stopped != null) {
            return JsonRun.errors(stopped, json, err);
        }
        json.emit("arch_matrix", g -> {
            g.writeArrayFieldStart("arches");
            for (String arch : m.arches) {
                g.writeString(arch);
            }
            g.writeEndArray();
            g.writeArrayFieldStart("rows");
            for (Row row : m.rows.keySet()) {
                g.writeStartObject();
                g.writeNumberField("line", row.line());
                g.writeNumberField("column", row.column());
                g.writeStringField("source", row.source());
                g.writeObjectFieldStart("results");
                for (String arch : m.arches) {
                    Boolean v = m.runs.get(arch).expectations().get(row);
                    g.writeStringField(arch, v == null ? "not_reached" : v ? "pass" : "fail");
                }
                g.writeEndObject();
                g.writeEndObject();
            }
            g.writeEndArray();
            g.writeObjectFieldStart("unexpected_errors");
            for (String arch : m.arches) {
                g.writeNumberField(arch, m.runs.get(arch).unexpected().size());
            }
            g.writeEndObject();
            g.writeObjectFieldStart("pass");
            for (String arch : m.arches) {
                g.writeBooleanField(arch, m.runs.get(arch).pass());
            }
            g.writeEndObject();
        });
        return m.all() ? 0 : 1;
    }

    private void printText(PrintStream out, Style style) {
        int width = rows.keySet().stream().mapToInt(r -> r.label().length()).max().orElse(10);
        width = Math.max(Math.min(width, 60), "unexpected errors".length());
        StringBuilder head = new StringBuilder(pad("expectation", width));
        for (String arch : arches) {
            head.append("  ").append(arch);
        }
        out.println(head.toString().stripTrailing());
        for (Row row : rows.keySet()) {
            String label = row.label();
            StringBuilder line = new StringBuilder(pad(label.length() > width ? label.substring(0, width - 3) + "..."
                    : label, width));
            for (String arch : arches) {
                Boolean v = runs.get(arch).expectations().get(row);
                String cell = v == null ? "-" : v ? "pass" : "FAIL";
                line.append("  ").append(paint(style, cell, pad(cell, arch.length())));
            }
            out.println(line.toString().stripTrailing());
        }
        StringBuilder errors = new StringBuilder(pad("unexpected errors", width));
        StringBuilder verdicts = new StringBuilder(pad("verdict", width));
        for (String arch : arches) {
            errors.append("  ").append(pad(Integer.toString(runs.get(arch).unexpected().size()), arch.length()));
            String cell = runs.get(arch).pass() ? "PASS" : "FAIL";
            verdicts.append("  ").append(paint(style, cell, pad(cell, arch.length())));
        }
        out.println(errors.toString().stripTrailing());
        out.println(verdicts.toString().stripTrailing());
        for (String arch : arches) {
            if (!runs.get(arch).unexpected().isEmpty()) {
                out.println(arch + ": " + String.join(", ", runs.get(arch).unexpected()));
            }
        }
        out.println(all() ? style.paint(Style.Role.PASS, "PASS") + " on every arch"
                : style.paint(Style.Role.FAIL, "FAIL") + " on " + runs.entrySet().stream()
                        .filter(e -> !e.getValue().pass()).map(Map.Entry::getKey).toList());
    }

    /** A padded cell, coloured by what it says (padding outside the colour keeps the columns). */
    private static String paint(Style style, String cell, String padded) {
        String pad = padded.substring(cell.length());
        return switch (cell) {
            case "pass", "PASS" -> style.paint(Style.Role.PASS, cell) + pad;
            case "FAIL" -> style.paint(Style.Role.FAIL, cell) + pad;
            default -> padded;
        };
    }

    private static String pad(String s, int width) {
        return s.length() >= width ? s : s + " ".repeat(width - s.length());
    }
}
