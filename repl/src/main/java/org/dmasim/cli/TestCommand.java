package org.dmasim.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.Callable;
import org.dmasim.interpreter.ScenarioRunner;
import org.dmasim.interpreter.suite.ScenarioFiles;
import org.dmasim.interpreter.suite.ScenarioResult;
import org.dmasim.interpreter.suite.ScenarioSuite;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code dmasim test DIR}: runs every scenario below a folder in parallel and prints a table. */
@Command(
        name = "test",
        mixinStandardHelpOptions = true,
        versionProvider = VersionProvider.class,
        description = {"Run every scenario (.dma, .js, .py) below DIR, in parallel, and print a table.",
            "Skips target/ and hidden folders, and the globs listed in DIR/.dmasimignore.",
            "A .js or .py scenario is skipped, never passed, when the polyglot module is not on the class path."},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {
            "0:every scenario passed (or was skipped)",
            "1:a scenario failed or has an error",
            "2:usage error: DIR is missing or holds no scenario"})
final class TestCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Parameters(paramLabel = "DIR", description = "the folder to search for scenarios")
    Path dir;

    @Option(names = "--junit", paramLabel = "OUT.xml", description = "also write a JUnit XML report for CI systems")
    Path junit;

    @Option(names = {"-j", "--jobs"}, paramLabel = "N",
            description = "scenarios run at once (default: the number of processors, ${DEFAULT-VALUE})")
    int jobs = Runtime.getRuntime().availableProcessors();

    @Option(names = "--arch", paramLabel = "A", description = "arch profile to use instead of each script's `arch`")
    String arch;

    @Option(names = "--timeout", paramLabel = "DURATION", defaultValue = "30s", converter = DurationConverter.class,
            description = "wall-clock limit of each scenario (default: ${DEFAULT-VALUE})")
    Duration timeout;

    @Option(names = "--max-steps", paramLabel = "N", defaultValue = "50000000",
            description = "step budget of each scenario (default: ${DEFAULT-VALUE})")
    long maxSteps;

    @Option(names = "--max-executions", paramLabel = "N", defaultValue = "100000",
            description = "explore at most N executions of a scenario with device jobs or forks; stopping there marks"
                    + " the run bounded, and nothing is claimed for what was not explored (default: ${DEFAULT-VALUE})")
    int maxExecutions;

    @Option(names = "--no-reduction", description = "explore every interleaving of device jobs, without partial-order"
            + " reduction (slow; the same results, for checking)")
    boolean noReduction;

    @Option(names = {"-v", "--verbose"}, description = "print the output of every scenario, not only of failed ones")
    boolean verbose;

    @Override
    public Integer call() throws IOException, InterruptedException {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        if (!Files.isDirectory(dir)) {
            err.println("error: " + dir + ": " + (Files.exists(dir) ? "not a directory" : "no such directory"));
            return ScenarioRunner.SCRIPT_ERROR;
        }
        List<Path> files = ScenarioFiles.find(dir);
        if (files.isEmpty()) {
            err.println("error: no scenarios (.dma, .js, .py) below " + dir);
            return ScenarioRunner.SCRIPT_ERROR;
        }
        var suite = new ScenarioSuite(new ScenarioRunner.Options(arch, timeout, maxSteps, false, maxExecutions,
                !noReduction));
        Instant started = Instant.now();
        long start = System.nanoTime();
        List<ScenarioResult> results = suite.runAll(dir, files, jobs, r -> { });
        Duration wall = Duration.ofNanos(System.nanoTime() - start);
        new ResultTable(results).print(out);
        for (ScenarioResult r : results) {
            if (r.failed() || (verbose && !r.output().isEmpty())) {
                out.println();
                out.println("--- " + r.name() + " (" + r.status().label() + ", exit " + r.exit() + ")");
                out.print(r.output());
            }
        }
        Duration summed = results.stream().map(ScenarioResult::time).reduce(Duration.ZERO, Duration::plus);
        Duration cpu = results.stream().map(ScenarioResult::cpu).reduce(Duration.ZERO, Duration::plus);
        out.println();
        out.println(ResultTable.tally(results) + " in " + ResultTable.time(wall) + " (scenario times add up to "
                + ResultTable.time(summed) + ", " + ResultTable.time(cpu) + " of it on a CPU; "
                + Math.min(jobs, files.size()) + " at once)");
        if (junit != null) {
            JunitXml.write(junit, "dmasim." + suiteName(dir), results, wall, started);
            out.println("JUnit XML written to " + junit);
        }
        out.flush();
        return results.stream().anyMatch(ScenarioResult::failed) ? ScenarioRunner.FAIL : ScenarioRunner.PASS;
    }

    private static String suiteName(Path dir) {
        Path name = dir.toAbsolutePath().normalize().getFileName();
        return name == null ? "root" : name.toString();
    }
}
