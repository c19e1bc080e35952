package org.dmasim.cli;

import java.io.PrintWriter;
import java.util.List;
import java.util.concurrent.Callable;
import org.dmasim.bench.BenchReport;
import org.dmasim.bench.BenchRunner;
import org.dmasim.bench.Measurement;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code dmasim bench}: runs the speed and size scenarios in this JVM (warm-up, then timed
 * rounds; medians with their spread) and prints them against their targets. The launcher runs
 * it with the full JIT and a 3 GiB heap.
 */
@Command(
        name = "bench",
        mixinStandardHelpOptions = true,
        versionProvider = VersionProvider.class,
        description = {"Measure dmasim's speed and size against its targets: bulk DMA bandwidth beside the host's "
                + "memcpy, map/sync/unmap latency, reading uncertain lines, heap of a touched machine and of "
                + "a million live mappings.",
            "Run through the dmasim launcher (full JIT, -Xmx4g); about a minute, --quick about 15 s."},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {
            "0:every target met",
            "1:some target not met (the table says which)"})
final class BenchCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--json", description = "print one JSON object instead of the table")
    boolean json;

    @Option(names = "--quick", description = "fewer rounds and iterations (for a quick look; noisier)")
    boolean quick;

    @Option(names = "--size-scale", paramLabel = "X", defaultValue = "1",
            description = "multiply every size (and the size targets) by X, e.g. 0.01 for a smoke test (default: ${DEFAULT-VALUE})")
    double scale;

    @Option(names = "--only", paramLabel = "GROUP", split = ",",
            description = "run only these groups of rows: bulk, small, script-loop (with small), dmabuf, uncertain, "
                    + "memory, script-bulk, cold-start, explore")
    java.util.Set<String> only = java.util.Set.of();

    @Override
    public Integer call() {
        if (!(scale > 0 && scale <= 4)) {
            throw new ParameterException(spec.commandLine(), "--size-scale must be in (0, 4], not " + scale);
        }
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        for (String g : only) {
            if (!BenchRunner.GROUPS.contains(g)) {
                throw new ParameterException(spec.commandLine(), "--only: no group " + g + " (groups: "
                        + String.join(", ", BenchRunner.GROUPS) + ")");
            }
        }
        BenchRunner.Options options = new BenchRunner.Options(quick, scale, only);
        List<Measurement> rows = new BenchRunner(options, name -> {
            err.println("bench: " + name + "...");
            err.flush();
        }).run();
        out.print(json ? BenchReport.json(rows, options) + "\n" : BenchReport.table(rows));
        out.flush();
        return BenchReport.allPass(rows) ? 0 : 1;
    }
}
