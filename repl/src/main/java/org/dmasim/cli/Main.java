package org.dmasim.cli;

import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ParseResult;
import picocli.CommandLine.Spec;
import picocli.CommandLine.UnmatchedArgumentException;

/** The {@code dmasim} command: parses the command line and dispatches to one subcommand. */
@Command(
        name = "dmasim",
        mixinStandardHelpOptions = true,
        versionProvider = VersionProvider.class,
        description = "Emulates how Linux moves memory between CPUs and devices (DMA, caches, bounce buffers, dma-buf).",
        subcommands = {RunCommand.class, CheckCommand.class, TestCommand.class, ReplCommand.class,
            BenchCommand.class, CompletionCommand.class, LspCommand.class, CommandLine.HelpCommand.class},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {
            "0:the scenario passed",
            "1:the scenario failed (an expectation or an error report)",
            "2:usage error, or a syntax or semantic error in the script",
            "3:internal error in dmasim (rerun with --debug for the stack trace)"})
public final class Main implements Callable<Integer> {
    /** Exit code of an exception escaping a subcommand: a bug in dmasim, not in the script. */
    static final int INTERNAL_ERROR = 3;

    @Spec
    CommandSpec spec;

    /** Builds the configured command line with every subcommand; the tests, man pages and completion use this one. */
    public static CommandLine commandLine(PrintWriter out, PrintWriter err) {
        return configure(new CommandLine(new Main()), out, err);
    }

    /**
     * Builds the command line for {@code args}: when they start with the name of a command that
     * needs nothing of the others, that command alone under an uninspected {@code dmasim} root.
     * Picocli reads every registered command's annotations up front (a proxy class per annotation
     * type, about a tenth of a second of a cold start), and a {@code run} needs only its own; its
     * parsing, help and errors are the same as under the full command line. Anything else (no
     * command, an option, a misspelt command, {@code help}, {@code completion}) gets them all.
     */
    static CommandLine commandLine(PrintWriter out, PrintWriter err, String[] args) {
        Object alone = args.length == 0 ? null : standalone(args[0]);
        if (alone == null) {
            return commandLine(out, err);
        }
        CommandLine root = new CommandLine(CommandSpec.wrapWithoutInspection(new Main()).name("dmasim"));
        root.addSubcommand(args[0], alone);
        return configure(root, out, err);
    }

    /** A new instance of the command named {@code name} if it needs none of its siblings, else null. */
    static Object standalone(String name) {
        return switch (name) {
            case "run" -> new RunCommand();
            case "check" -> new CheckCommand();
            case "test" -> new TestCommand();
            case "repl" -> new ReplCommand();
            case "bench" -> new BenchCommand();
            case "lsp" -> new LspCommand();
            default -> null;
        };
    }

    private static CommandLine configure(CommandLine cmd, PrintWriter out, PrintWriter err) {
        cmd.setOut(out);
        cmd.setErr(err);
        cmd.setParameterExceptionHandler(Main::usageError);
        cmd.setExecutionExceptionHandler(Main::internalError);
        return cmd;
    }

    public static void main(String[] args) {
        PrintWriter out = new PrintWriter(new OutputStreamWriter(System.out, System.out.charset()), true);
        PrintWriter err = new PrintWriter(new OutputStreamWriter(System.err, System.err.charset()), true);
        int code = commandLine(out, err, args).execute(args);
        out.flush();
        err.flush();
        System.exit(code);
    }

    /** {@code dmasim} with no command. */
    @Override
    public Integer call() {
        throw new ParameterException(spec.commandLine(), "missing command");
    }

    private static int usageError(ParameterException ex, String[] args) {
        CommandLine cmd = ex.getCommandLine();
        PrintWriter err = cmd.getErr();
        err.println("error: " + ex.getMessage());
        UnmatchedArgumentException.printSuggestions(ex, err);
        err.println("Try '" + cmd.getCommandSpec().qualifiedName() + " --help' for more information.");
        err.flush();
        return cmd.getCommandSpec().exitCodeOnInvalidInput();
    }

    private static int internalError(Exception ex, CommandLine cmd, ParseResult parsed) {
        PrintWriter err = cmd.getErr();
        err.println("dmasim: internal error: " + ex);
        if (debugRequested(parsed)) {
            ex.printStackTrace(err);
        } else {
            err.println("(rerun with --debug to see the Java stack trace)");
        }
        err.flush();
        return INTERNAL_ERROR;
    }

    private static boolean debugRequested(ParseResult parsed) {
        for (ParseResult p = parsed; p != null; p = p.subcommand()) {
            if (p.hasMatchedOption("--debug")) {
                return true;
            }
        }
        return false;
    }
}
