package org.dmasim.cli;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.Callable;
import org.dmasim.interpreter.ScenarioRunner;
import org.dmasim.interpreter.ScriptErrors;
import org.dmasim.interpreter.eval.ScriptError;
import org.dmasim.repl.Repl;
import org.dmasim.repl.Warmup;
import org.jline.terminal.Terminal;
import org.jline.terminal.TerminalBuilder;
import org.dmasim.interpreter.diag.Style;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code dmasim repl}: the interactive REPL; reads plain lines when stdin is not a terminal. */
@Command(
        name = "repl",
        mixinStandardHelpOptions = true,
        versionProvider = VersionProvider.class,
        description = {"Explore interactively: .dma statements against one live machine, plus :commands (:help).",
            "When stdin is not a terminal, reads plain lines and prints the same results."},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:the REPL ended", "2:usage error (e.g. an unknown --arch)"})
final class ReplCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--arch", paramLabel = "A", description = "arch profile of the machine (default: x86_64)")
    String arch;

    @Option(names = "--timeout", paramLabel = "DURATION", defaultValue = "30s", converter = DurationConverter.class,
            description = "wall-clock limit of each entry, e.g. 500ms, 30s, 2m (default: ${DEFAULT-VALUE})")
    Duration timeout;

    @Option(names = "--max-steps", paramLabel = "N", defaultValue = "50000000",
            description = "step budget of each entry (default: ${DEFAULT-VALUE})")
    long maxSteps;

    @Option(names = "--max-executions", paramLabel = "N", defaultValue = "100000",
            description = "explore at most N executions of a scenario with device jobs or forks; stopping there marks"
                    + " the run bounded, and nothing is claimed for what was not explored (default: ${DEFAULT-VALUE})")
    int maxExecutions;

    @Option(names = "--debug", description = "show Java stack traces of internal errors")
    boolean debug;

    @Mixin
    ColorOption colors = new ColorOption();

    @Override
    public Integer call() throws IOException {
        PrintWriter err = spec.commandLine().getErr();
        var options = new ScenarioRunner.Options(arch, timeout, maxSteps, debug).withExploration(maxExecutions, true);
        if (!interactive()) {
            try (PrintStream out = new PrintStream(new WriterOutputStream(spec.commandLine().getOut(),
                    StandardCharsets.UTF_8), true, StandardCharsets.UTF_8)) {
                Repl repl = start(options, out, err, style(false));
                if (repl == null) {
                    return ScenarioRunner.SCRIPT_ERROR;
                }
                repl.plain(new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8)));
            }
            return 0;
        }
        Warmup.start();
        try (Terminal terminal = TerminalBuilder.builder().name("dmasim").system(true).build()) {
            PrintStream out = new PrintStream(terminal.output(), true, terminal.encoding());
            Repl repl = start(options, out, err, style(true));
            if (repl == null) {
                return ScenarioRunner.SCRIPT_ERROR;
            }
            repl.interactive(terminal, Path.of(System.getProperty("user.home"), ".dmasim_history"));
            out.flush();
        }
        return 0;
    }

    /**
     * Whether stdin and stdout are a terminal. From Java 22 {@code System.console()} exists even when they are
     * redirected and {@code Console.isTerminal()} tells; on 21 a console exists only on a terminal.
     */
    static boolean interactive() {
        java.io.Console console = System.console();
        if (console == null) {
            return false;
        }
        try {
            return (Boolean) java.io.Console.class.getMethod("isTerminal").invoke(console);
        } catch (ReflectiveOperationException e) {
            return true;
        }
    }

    /** Colours for the REPL's output: on a terminal unless NO_COLOR or --color=never; piped only with always. */
    private Style style(boolean terminal) {
        return colors.color.enabled(System.getenv(), () -> terminal) ? TerminalStyle.INSTANCE : Style.PLAIN;
    }

    private static Repl start(ScenarioRunner.Options options, PrintStream out, PrintWriter err, Style style) {
        try {
            return new Repl(options, out, Path.of("").toAbsolutePath(), style);
        } catch (ScriptError e) {
            err.print(ScriptErrors.render(e));
            err.flush();
            return null;
        }
    }
}
