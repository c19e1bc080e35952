package org.dmasim.bench;

import java.util.List;
import java.util.Locale;

/** The benchmark table as text or as one JSON object, with the JVM it ran on. */
public final class BenchReport {
    private BenchReport() {
    }

    public static boolean allPass(List<Measurement> rows) {
        return rows.stream().allMatch(Measurement::pass);
    }

    public static String table(List<Measurement> rows) {
        String[] head = {"benchmark", "measured (median)", "spread (min .. max)", "target", "result"};
        String[][] cells = new String[rows.size()][];
        int[] w = new int[head.length];
        for (int i = 0; i < head.length; i++) {
            w[i] = head[i].length();
        }
        for (int r = 0; r < rows.size(); r++) {
            Measurement m = rows.get(r);
            cells[r] = new String[] {m.name(), m.measuredText(), m.spreadText(), m.targetText(),
                m.hasTarget() ? (m.pass() ? "pass" : "FAIL") : "reference"};
            for (int i = 0; i < head.length; i++) {
                w[i] = Math.max(w[i], cells[r][i].length());
            }
        }
        StringBuilder sb = new StringBuilder();
        row(sb, head, w);
        StringBuilder rule = new StringBuilder();
        for (int i = 0; i < w.length; i++) {
            rule.append(i == 0 ? "" : "  ").append("-".repeat(w[i]));
        }
        sb.append(rule).append('\n');
        for (String[] c : cells) {
            row(sb, c, w);
        }
        sb.append('\n');
        for (Measurement m : rows) {
            sb.append(String.format(Locale.ROOT, "%-" + w[0] + "s  %s (%s)%n", m.name(), m.description(),
                    m.rounds() == 1 ? "one measurement" : m.rounds() + " rounds"));
        }
        sb.append('\n').append(jvm()).append('\n');
        sb.append(allPass(rows) ? "all targets met" : "some targets NOT met").append('\n');
        return sb.toString();
    }

    private static void row(StringBuilder sb, String[] cells, int[] w) {
        for (int i = 0; i < cells.length; i++) {
            if (i > 0) {
                sb.append("  ");
            }
            sb.append(i == cells.length - 1 ? cells[i] : pad(cells[i], w[i]));
        }
        sb.append('\n');
    }

    private static String pad(String s, int width) {
        return s + " ".repeat(width - s.length());
    }

    public static String json(List<Measurement> rows, BenchRunner.Options options) {
        StringBuilder sb = new StringBuilder("{");
        sb.append("\"quick\":").append(options.quick());
        sb.append(",\"scale\":").append(num(options.scale()));
        sb.append(",\"jvm\":").append(str(jvm()));
        sb.append(",\"pass\":").append(allPass(rows));
        sb.append(",\"benchmarks\":[");
        for (int i = 0; i < rows.size(); i++) {
            Measurement m = rows.get(i);
            sb.append(i == 0 ? "" : ",").append('{');
            sb.append("\"name\":").append(str(m.name()));
            sb.append(",\"description\":").append(str(m.description()));
            sb.append(",\"unit\":").append(str(m.unit()));
            sb.append(",\"median\":").append(num(m.median()));
            sb.append(",\"min\":").append(num(m.min()));
            sb.append(",\"max\":").append(num(m.max()));
            sb.append(",\"rounds\":").append(m.rounds());
            sb.append(",\"target\":").append(m.hasTarget() ? num(m.target()) : "null");
            sb.append(",\"comparison\":").append(m.hasTarget() ? str(m.atMost() ? "<=" : ">=") : "null");
            sb.append(",\"pass\":").append(m.pass());
            sb.append('}');
        }
        return sb.append("]}").toString();
    }

    static String jvm() {
        Runtime rt = Runtime.getRuntime();
        double load = java.lang.management.ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
        return "JVM " + System.getProperty("java.vm.name") + " " + System.getProperty("java.version") + ", "
                + rt.availableProcessors() + " CPUs" + (load >= 0 ? String.format(Locale.ROOT,
                        " (load average %.1f at the end)", load) : "") + ", max heap "
                + rt.maxMemory() / (1024 * 1024) + " MiB"
                + (c1Only() ? ", C1 only (-XX:TieredStopAtLevel=1): timings are pessimistic" : "");
    }

    private static boolean c1Only() {
        return java.lang.management.ManagementFactory.getRuntimeMXBean().getInputArguments().stream()
                .anyMatch(a -> a.startsWith("-XX:TieredStopAtLevel=") && !a.endsWith("=4"));
    }

    private static String num(double v) {
        if (Double.isNaN(v) || Double.isInfinite(v)) {
            return "null";
        }
        return String.format(Locale.ROOT, "%.4f", v).replaceAll("0+$", "").replaceAll("\\.$", "");
    }

    private static String str(String s) {
        StringBuilder sb = new StringBuilder("\"");
        for (char c : s.toCharArray()) {
            switch (c) {
                case '"' -> sb.append("\\\"");
                case '\\' -> sb.append("\\\\");
                case '\n' -> sb.append("\\n");
                default -> {
                    if (c < 0x20) {
                        sb.append(String.format(Locale.ROOT, "\\u%04x", (int) c));
                    } else {
                        sb.append(c);
                    }
                }
            }
        }
        return sb.append('"').toString();
    }
}
