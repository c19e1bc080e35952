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
import org.dmasim.interpreter.eval.RunListener;
import org.dmasim.interpreter.eval.SourceSite;
import org.dmasim.interpreter.eval.Stdlib;
import org.dmasim.interpreter.eval.Summary;

/**
 * {@code dmasim run FILE --arch all}: the scenario once per stdlib arch profile, then a matrix of
 * its expectations (rows) by profile (columns) and one verdict per profile. Exit 0 iff every run
 * passes; 2 when the script itself is wrong (its errors are printed once).
 */
final class ArchMatrix {
    private ArchMatrix() {
    }

    /** Records what one run judged: each expectation (ANDed over repeats) and unexpected errors. */
    private static final class Recorder implements RunListener {
        final Map<String, Boolean> expectations = new LinkedHashMap<>();
        final List<String> unexpected = new ArrayList<>();

        @Override
        public void read(SourceSite site, String source, ReadResult result) {
        }

        @Override
        public void report(Report report, SourceSite expectedBy) {
            if (expectedBy == null && report.severity() == Severity.ERROR) {
                unexpected.add(report.code() + " at " + report.site());
            }
        }

        @Override
        public void expectation(SourceSite site, String source, boolean passed, String detail) {
            expectations.merge(site.line() + ":" + site.column() + "  " + source, passed, Boolean::logicalAnd);
        }

        @Override
        public void print(String line) {
        }

        @Override
        public void summary(Summary summary) {
        }
    }

    static int run(Path file, ScenarioRunner.Options options, PrintStream out, PrintStream err) {
        SourceFile source;
        try {
            source = SourceFile.read(file);
        } catch (IOException e) {
            err.println("error: cannot read " + file + ": " + e.getMessage());
            return ScenarioRunner.SCRIPT_ERROR;
        }
        List<String> arches = Stdlib.index("arch");
        Map<String, Recorder> runs = new LinkedHashMap<>();
        Map<String, Integer> exits = new LinkedHashMap<>();
        Map<String, Boolean> rows = new LinkedHashMap<>();
        for (String arch : arches) {
            Recorder r = new Recorder();
            ByteArrayOutputStream text = new ByteArrayOutputStream();
            PrintStream sink = new PrintStream(text, true, StandardCharsets.UTF_8);
            var o = options.withArch(arch);
            int exit = ScenarioRunner.run(source, file.toAbsolutePath().getParent(), o, r, sink, err);
            if (exit == ScenarioRunner.SCRIPT_ERROR || exit == ScenarioRunner.INTERNAL_ERROR) {
                out.print(text.toString(StandardCharsets.UTF_8));
                out.println("(under --arch " + arch + ")");
                return exit;
            }
            runs.put(arch, r);
            exits.put(arch, exit);
            r.expectations.keySet().forEach(k -> rows.putIfAbsent(k, true));
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
                Boolean v = runs.get(arch).expectations.get(row);
                line.append("  ").append(pad(v == null ? "-" : v ? "pass" : "FAIL", arch.length()));
            }
            out.println(line.toString().stripTrailing());
        }
        StringBuilder errors = new StringBuilder(pad("unexpected errors", width));
        StringBuilder verdicts = new StringBuilder(pad("verdict", width));
        boolean all = true;
        for (String arch : arches) {
            errors.append("  ").append(pad(Integer.toString(runs.get(arch).unexpected.size()), arch.length()));
            boolean pass = exits.get(arch) == ScenarioRunner.PASS;
            all &= pass;
            verdicts.append("  ").append(pad(pass ? "PASS" : "FAIL", arch.length()));
        }
        out.println(errors.toString().stripTrailing());
        out.println(verdicts.toString().stripTrailing());
        for (String arch : arches) {
            if (!runs.get(arch).unexpected.isEmpty()) {
                out.println(arch + ": " + String.join(", ", runs.get(arch).unexpected));
            }
        }
        out.println(all ? "PASS on every arch" : "FAIL on " + exits.entrySet().stream()
                .filter(e -> e.getValue() != ScenarioRunner.PASS).map(Map.Entry::getKey).toList());
        return all ? ScenarioRunner.PASS : ScenarioRunner.FAIL;
    }

    private static String pad(String s, int width) {
        return s.length() >= width ? s : s + " ".repeat(width - s.length());
    }
}
