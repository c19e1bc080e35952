package org.dmasim.cli;

import java.io.PrintStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.Callable;
import org.dmasim.api.Dmasim;
import org.dmasim.api.Sandbox;
import org.dmasim.api.SandboxBuilder;
import org.dmasim.interpreter.ScenarioRunner;
import org.dmasim.interpreter.suite.ScenarioKinds;
import picocli.CommandLine.Command;
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

    @Option(names = "--debug", description = "show Java stack traces of internal errors")
    boolean debug;

    @Option(names = "--verbose", description = "for .js and .py: say when GraalVM runs without its optimizing compiler")
    boolean verbose;

    @Override
    public Integer call() {
        PrintWriter err = spec.commandLine().getErr();
        Path path = Path.of(file);
        String problem = unreadable(path);
        if (problem != null) {
            err.println("error: cannot read " + file + ": " + problem);
            err.flush();
            return ScenarioRunner.SCRIPT_ERROR;
        }
        var options = new ScenarioRunner.Options(arch, timeout, maxSteps, debug);
        try (PrintStream out = printStream(spec.commandLine().getOut());
                PrintStream errStream = printStream(err)) {
            if (isPolyglot(file)) {
                if (ScenarioKinds.forFile(path).isEmpty()) {
                    String home = System.getProperty(PolyglotAddOn.HOME_PROPERTY);
                    err.print(PolyglotAddOn.missing(file, VersionProvider.projectVersion(), VersionProvider.projectUrl(),
                            home == null ? null : Path.of(home)));
                    err.flush();
                    return ScenarioRunner.SCRIPT_ERROR;
                }
                // Only here do GraalVM classes load: .dma runs keep their cold start.
                return org.dmasim.polyglot.PolyglotRunner.run(path,
                        org.dmasim.polyglot.PolyglotRunner.Options.of(options, verbose), out, errStream);
            }
            SandboxBuilder limits = Dmasim.builder().timeout(timeout).maxSteps(maxSteps).debug(debug);
            if ("all".equals(arch)) {
                return ArchMatrix.run(path, limits, out, errStream);
            }
            Sandbox sandbox = limits.arch(arch).keepEvents(false).build();
            if (format == Format.json) {
                return JsonRun.run(sandbox, path, out, errStream);
            }
            return TextRun.run(sandbox, path, out, errStream);
        }
    }

    private static boolean isPolyglot(String file) {
        return file.endsWith(".js") || file.endsWith(".py");
    }

    /** Why {@code path} cannot be read as a script, or null when it can. */
    private static String unreadable(Path path) {
        if (!Files.exists(path)) {
            return "no such file";
        }
        if (Files.isDirectory(path)) {
            return "is a directory";
        }
        if (!Files.isReadable(path)) {
            return "permission denied";
        }
        return null;
    }

    private static PrintStream printStream(PrintWriter writer) {
        return new PrintStream(new WriterOutputStream(writer, StandardCharsets.UTF_8), true, StandardCharsets.UTF_8);
    }
}
