package org.dmasim.bench;

import java.util.List;

/**
 * Runs {@link BenchRunner} without the CLI ({@code java -cp ... org.dmasim.bench.BenchMain
 * [--quick] [--json] [--size-scale X] [--only GROUP,...]}); {@code dmasim bench} is the usual way.
 */
public final class BenchMain {
    private BenchMain() {
    }

    public static void main(String[] args) {
        boolean quick = false;
        boolean json = false;
        double scale = 1;
        java.util.Set<String> only = new java.util.HashSet<>();
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--quick" -> quick = true;
                case "--json" -> json = true;
                case "--size-scale" -> scale = Double.parseDouble(args[++i]);
                case "--only" -> only.addAll(List.of(args[++i].split(",")));
                default -> throw new IllegalArgumentException("unknown option " + args[i]);
            }
        }
        BenchRunner.Options o = new BenchRunner.Options(quick, scale, only);
        List<Measurement> rows = new BenchRunner(o, s -> System.err.println("running " + s + "...")).run();
        System.out.print(json ? BenchReport.json(rows, o) + "\n" : BenchReport.table(rows));
        System.exit(BenchReport.allPass(rows) ? 0 : 1);
    }
}
