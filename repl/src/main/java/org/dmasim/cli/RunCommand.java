package org.dmasim.cli;

import java.io.PrintStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.Callable;
import org.dmasim.api.Dmasim;
import org.dmasim.api.SandboxBuilder;
import org.dmasim.interpreter.ScenarioRunner;
import org.dmasim.interpreter.diag.Style;
import org.dmasim.interpreter.suite.ScenarioKinds;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code dmasim run FILE}: runs one scenario and prints every value each read could return. */
@Command(
        name = "run",
        mixinStandardHelpOptions = true,
        versionProvider = VersionProvider.class,
        description = "Run a scenario and print every value each read could return.",
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {
            "0:the scenario passed",
            "1:the scenario failed (an expectation or an error report)",
            "2:usage error, or a syntax or semantic error in the script"})
final class RunCommand implements Callable<Integer> {
    enum Format { text, json }

    @Spec
    CommandSpec spec;

    @Parameters(paramLabel = "FILE", description = "the scenario to run: .dma, or .js / .py driving dmasim through GraalVM")
    String file;

    @Option(names = "--arch", paramLabel = "A", description = "arch profile to use instead of the script's `arch`;"
            + " `all` runs it under every stdlib profile and prints a pass/fail matrix")
    String arch;

    @Option(names = "--timeout", paramLabel = "DURATION", defaultValue = "30s", converter = DurationConverter.class,
            description = "wall-clock limit of the run, e.g. 500ms, 30s, 2m (default: ${DEFAULT-VALUE})")
    Duration timeout;

    @Option(names = "--max-steps", paramLabel = "N", defaultValue = "50000000",
            description = "step budget: statements and expressions a run may evaluate (default: ${DEFAULT-VALUE})")
    long maxSteps;

    @Option(names = "--format", paramLabel = "FORMAT", defaultValue = "text",
            description = "output format: ${COMPLETION-CANDIDATES} (default: ${DEFAULT-VALUE}); json prints one object per"
                    + " event and line, see docs/json-output.md")
    Format format;

    @Option(names = "--max-executions", paramLabel = "N", defaultValue = "100000",
            description = "explore at most N executions of a scenario with device jobs or forks; stopping there marks"
                    + " the run bounded, and nothing is claimed for what was not explored (default: ${DEFAULT-VALUE})")
    int maxExecutions;

    @Option(names = "--no-reduction", description = "explore every interleaving of device jobs, without partial-order"
            + " reduction (slow; the same results, for checking)")
    boolean noReduction;

    @Option(names = "--timeline", paramLabel = "VIEW[range]",
            description = "after the run, a table of the range after each statement that touched it: owner, each cache"
                    + " line's possible states, DRAM, the bounce slot, the reports (e.g. --timeline rx[0..256])")
    String timeline;

    @Option(names = "--trace", paramLabel = "OUT.json", description = "write the run as Chrome/Perfetto trace-event"
            + " JSON (ui.perfetto.dev, chrome://tracing): the CPU and each device as tracks, statements as slices,"
            + " maps, syncs, unmaps and reports as instants, each buffer's owner as slices")
    Path trace;

    @Option(names = "--html", paramLabel = "OUT.html", description = "write the run as one self-contained HTML page:"
            + " the source linked to each statement, per buffer a swimlane of owner, cache state and bounce slot,"
            + " reads with their outcomes and witness arrows, report markers")
    Path html;

    @Option(names = "--debug", description = "show Java stack traces of internal errors")
    boolean debug;

    @Option(names = "--verbose", description = "for .js and .py: say when GraalVM runs without its optimizing compiler")
    boolean verbose;

    @Option(names = "--max-errors", paramLabel = "N", defaultValue = "20",
            description = "show at most N errors of a script that does not parse or resolve; 0 shows all"
                    + " (default: ${DEFAULT-VALUE})")
    int maxErrors;

    @Mixin
    ColorOption colors = new ColorOption();

    @Override
    public Integer call() {
        PrintWriter err = spec.commandLine().getErr();
        Path path = Path.of(file);
        String problem = unrunnable(path);
        if (problem != null) {
            if (format == Format.json) {
                try (PrintStream out = printStream(spec.commandLine().getOut())) {
                    return JsonRun.refuse(path, problem, out);
                }
            }
            err.println("error: " + problem);
            err.flush();
            return ScenarioRunner.SCRIPT_ERROR;
        }
        var options = new ScenarioRunner.Options(arch, timeout, maxSteps, debug)
                .withExploration(maxExecutions, !noReduction);
        try (PrintStream out = printStream(spec.commandLine().getOut());
                PrintStream errStream = printStream(err)) {
            SandboxBuilder limits = Dmasim.builder().timeout(timeout).maxSteps(maxSteps).debug(debug)
                    .maxExecutions(maxExecutions).partialOrderReduction(!noReduction);
            if (isPolyglot(file) && ScenarioKinds.forFile(path).isEmpty()) {
                String home = System.getProperty(PolyglotAddOn.HOME_PROPERTY);
                String missing = PolyglotAddOn.missing(file, VersionProvider.projectVersion(),
                        VersionProvider.projectUrl(), home == null ? null : Path.of(home));
                if (format == Format.json) {
                    return JsonRun.refuseWith(path, missing, out);
                }
                err.print(missing);
                err.flush();
                return ScenarioRunner.SCRIPT_ERROR;
            }
            PictureRun.Pictures pictures = new PictureRun.Pictures(timeline, html, trace);
            if (pictures.any() && (isPolyglot(file) || format == Format.json || "all".equals(arch))) {
                errStream.println("error: --timeline, --trace and --html work on one .dma run with text output");
                return ScenarioRunner.SCRIPT_ERROR;
            }
            if (format == Format.json) {
                return JsonRun.run(limits, arch, path, out, errStream);
            }
            if (isPolyglot(file)) {
                // Only here do GraalVM classes load: .dma runs keep their cold start.
                return org.dmasim.polyglot.PolyglotRunner.run(path,
                        org.dmasim.polyglot.PolyglotRunner.Options.of(options, verbose), out, errStream);
            }
            if (pictures.any()) {
                return PictureRun.run(path, options, pictures, out, errStream);
            }
            Style style = colors.style();
            if ("all".equals(arch)) {
                return ArchMatrix.run(path, limits, style, out, errStream);
            }
            return TextRun.run(limits.arch(arch).keepEvents(false).build(), path, style, maxErrors, out, errStream);
        }
    }

    static boolean isPolyglot(String file) {
        return file.endsWith(".js") || file.endsWith(".py");
    }

    /** Why {@code path} cannot be run as a scenario, or null when it can. */
    private static String unrunnable(Path path) {
        if (!Files.exists(path)) {
            return "cannot read " + path + ": no such file";
        }
        if (Files.isDirectory(path)) {
            return "cannot read " + path + ": is a directory (dmasim test runs a folder)";
        }
        if (!Files.isReadable(path)) {
            return "cannot read " + path + ": permission denied";
        }
        String name = path.getFileName().toString();
        if (!name.endsWith(".dma") && !isPolyglot(name)) {
            return "cannot run " + path + ": not a scenario (dmasim run takes .dma, .js and .py files)";
        }
        return null;
    }

    private static PrintStream printStream(PrintWriter writer) {
        return new PrintStream(new WriterOutputStream(writer, StandardCharsets.UTF_8), true, StandardCharsets.UTF_8);
    }
}
