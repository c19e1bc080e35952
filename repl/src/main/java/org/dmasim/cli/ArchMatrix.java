package org.dmasim.cli;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.dmasim.engine.cache.ReadResult;
import org.dmasim.engine.check.Report;
import org.dmasim.engine.check.Severity;
import org.dmasim.interpreter.ScenarioRunner;
import org.dmasim.interpreter.diag.SourceFile;
import org.dmasim.interpreter.diag.Style;
import org.dmasim.interpreter.eval.RunListener;
import org.dmasim.interpreter.eval.SilentListener;
import org.dmasim.interpreter.eval.SourceSite;
import org.dmasim.interpreter.eval.Stdlib;
import org.dmasim.interpreter.eval.Summary;
import org.dmasim.interpreter.output.JsonOutput;

/**
 * {@code dmasim run FILE --arch all}: the scenario once per stdlib arch profile, then a matrix of
 * its expectations (rows) by profile (columns) and one verdict per profile. Exit 0 iff every run
 * passes; 2 when the script itself is wrong (its errors are shown once).
 */
final class ArchMatrix {
    /** One row: an expectation's position and text. */
    private record Row(int line, int column, String source) {
        String label() {
            return line + ":" + column + "  " + source;
        }
    }

    /** Records what one run judged (each expectation ANDed over repeats, unexpected errors), passing events on. */
    private static final class Recorder implements RunListener {
        final RunListener next;
        final Map<Row, Boolean> expectations = new LinkedHashMap<>();
        final List<String> unexpected = new ArrayList<>();

        Recorder(RunListener next) {
            this.next = next;
        }

        @Override
        public void read(SourceSite site, String source, ReadResult result) {
            next.read(site, source, result);
        }

        @Override
        public void report(Report report, SourceSite expectedBy) {
            if (expectedBy == null && report.severity() == Severity.ERROR) {
                unexpected.add(report.code() + " at " + report.site());
            }
            next.report(report, expectedBy);
        }

        @Override
        public void expectation(SourceSite site, String source, boolean passed, String detail) {
            expectations.merge(new Row(site.line(), site.column(), source), passed, Boolean::logicalAnd);
            next.expectation(site, source, passed, detail);
        }

        @Override
        public void print(String line) {
            next.print(line);
        }

        @Override
        public void summary(Summary summary) {
            next.summary(summary);
        }
    }

    private final List<String> arches = Stdlib.index("arch");
    private final Map<String, Recorder> runs = new LinkedHashMap<>();
    private final Map<String, Integer> exits = new LinkedHashMap<>();
    private final Map<Row, Boolean> rows = new LinkedHashMap<>();

    private ArchMatrix() {
    }

    /** The text matrix. */
    static int run(Path file, ScenarioRunner.Options options, ScenarioRunner.Presentation how, PrintStream out,
            PrintStream err) {
        SourceFile source;
        try {
            source = SourceFile.read(file);
        } catch (IOException e) {
            err.println("error: cannot read " + file + ": " + e.getMessage());
            return ScenarioRunner.SCRIPT_ERROR;
        }
        ArchMatrix m = new ArchMatrix();
        ByteArrayOutputStream text = new ByteArrayOutputStream();
        PrintStream sink = new PrintStream(text, true, StandardCharsets.UTF_8);
        String failedArch = m.runAll(source, file.toAbsolutePath().getParent(), options, how, arch -> new SilentListener(),
                sink, err);
        if (failedArch != null) {
            out.print(text.toString(StandardCharsets.UTF_8));
            out.println("(under --arch " + failedArch + ")");
            return m.exits.get(failedArch);
        }
        m.printText(out, how.style());
        return m.verdict();
    }

    /** Every run's events tagged with {@code "arch"}, then an {@code arch_matrix} event; returns the exit code. */
    static int json(SourceFile source, Path directory, ScenarioRunner.Options options, ScenarioRunner.Presentation how,
            JsonOutput json, PrintStream out, PrintStream err) {
        ArchMatrix m = new ArchMatrix();
        String failedArch = m.runAll(source, directory, options, how, arch -> json.tagged("arch", arch), out, err);
        if (failedArch != null) {
            return m.exits.get(failedArch);
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
                    Boolean v = m.runs.get(arch).expectations.get(row);
                    g.writeStringField(arch, v == null ? "not_reached" : v ? "pass" : "fail");
                }
                g.writeEndObject();
                g.writeEndObject();
            }
            g.writeEndArray();
            g.writeObjectFieldStart("unexpected_errors");
            for (String arch : m.arches) {
                g.writeNumberField(arch, m.runs.get(arch).unexpected.size());
            }
            g.writeEndObject();
            g.writeObjectFieldStart("pass");
            for (String arch : m.arches) {
                g.writeBooleanField(arch, m.exits.get(arch) == ScenarioRunner.PASS);
            }
            g.writeEndObject();
        });
        return m.verdict();
    }

    /** Runs every profile; returns the arch whose run stopped on a script or internal error, or null. */
    private String runAll(SourceFile source, Path directory, ScenarioRunner.Options options,
            ScenarioRunner.Presentation how, java.util.function.Function<String, RunListener> listeners,
            PrintStream out, PrintStream err) {
        for (String arch : arches) {
            Recorder r = new Recorder(listeners.apply(arch));
            var o = new ScenarioRunner.Options(arch, options.timeout(), options.stepBudget(), options.debug());
            int exit = ScenarioRunner.run(source, directory, o, r, how, out, err);
            exits.put(arch, exit);
            if (exit == ScenarioRunner.SCRIPT_ERROR || exit == ScenarioRunner.INTERNAL_ERROR) {
                return arch;
            }
            runs.put(arch, r);
            r.expectations.keySet().forEach(k -> rows.putIfAbsent(k, true));
        }
        return null;
    }

    private int verdict() {
        return exits.values().stream().allMatch(e -> e == ScenarioRunner.PASS) ? ScenarioRunner.PASS
                : ScenarioRunner.FAIL;
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
                Boolean v = runs.get(arch).expectations.get(row);
                String cell = v == null ? "-" : v ? "pass" : "FAIL";
                line.append("  ").append(paint(style, cell, pad(cell, arch.length())));
            }
            out.println(line.toString().stripTrailing());
        }
        StringBuilder errors = new StringBuilder(pad("unexpected errors", width));
        StringBuilder verdicts = new StringBuilder(pad("verdict", width));
        for (String arch : arches) {
            errors.append("  ").append(pad(Integer.toString(runs.get(arch).unexpected.size()), arch.length()));
            String cell = exits.get(arch) == ScenarioRunner.PASS ? "PASS" : "FAIL";
            verdicts.append("  ").append(paint(style, cell, pad(cell, arch.length())));
        }
        out.println(errors.toString().stripTrailing());
        out.println(verdicts.toString().stripTrailing());
        for (String arch : arches) {
            if (!runs.get(arch).unexpected.isEmpty()) {
                out.println(arch + ": " + String.join(", ", runs.get(arch).unexpected));
            }
        }
        out.println(verdict() == ScenarioRunner.PASS ? style.paint(Style.Role.PASS, "PASS") + " on every arch"
                : style.paint(Style.Role.FAIL, "FAIL") + " on " + exits.entrySet().stream()
                        .filter(e -> e.getValue() != ScenarioRunner.PASS).map(Map.Entry::getKey).toList());
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
