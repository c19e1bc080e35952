package org.dmasim.interpreter;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.dmasim.engine.Kernel;
import org.dmasim.interpreter.ast.Program;
import org.dmasim.interpreter.diag.Diagnostic;
import org.dmasim.interpreter.diag.SourceFile;
import org.dmasim.interpreter.eval.Cancellation;
import org.dmasim.interpreter.eval.Environment;
import org.dmasim.interpreter.eval.Interpreter;
import org.dmasim.interpreter.eval.RunListener;
import org.dmasim.interpreter.eval.ScriptError;
import org.dmasim.interpreter.eval.SilentListener;
import org.dmasim.interpreter.eval.SyntaxFailure;
import org.dmasim.interpreter.parse.ScriptParser;
import org.dmasim.interpreter.resolve.Resolver;

/**
 * An interactive session: entries of .dma text evaluated one after another against one machine
 * (the REPL, the polyglot {@code eval}). An entry that fails leaves the machine as it was: the
 * session is rebuilt by replaying the entries that succeeded.
 */
public final class Session {
    /**
     * What an entry did: when it failed, the problems that stopped it, the limit reached (or null)
     * and, for a bug in dmasim, its exception (or null).
     */
    public record Result(boolean ok, List<Problem> problems, String limit, Throwable internal) {
        public Result {
            problems = List.copyOf(problems);
        }

        static Result succeeded() {
            return new Result(true, List.of(), null, null);
        }

        static Result failed(List<Problem> problems, String limit) {
            return new Result(false, problems, limit, null);
        }

        /** The problems rendered as the REPL prints them, or null when the entry succeeded. */
        public String error() {
            return ok ? null : problems.stream().map(Problem::rendered).collect(java.util.stream.Collectors.joining());
        }
    }

    private final ScenarioRunner.Options options;
    private final RunListener listener;
    private final Path directory;
    private final List<String> entries = new ArrayList<>();
    private String arch;
    /** Volatile for {@link #cancel()}, which comes from another thread. */
    private volatile Interpreter interpreter;

    public Session(ScenarioRunner.Options options, RunListener listener, Path directory) {
        this.options = options;
        this.listener = listener;
        this.directory = directory;
        this.arch = options.arch();
        this.interpreter = fresh(listener);
    }

    private Interpreter fresh(RunListener to) {
        // Each machine has its own cancellation: cancel() reaches the entry running now, never a replay.
        Interpreter in = new Interpreter(options.kernel(), to, options.withCancellation(new Cancellation()).budget(),
                ScenarioRunner::load, arch);
        in.applyArchOverride();
        return in;
    }

    /** Evaluates one entry (one or more statements). */
    public Result eval(String text) {
        return eval("<repl>", text);
    }

    /** Evaluates one entry, named {@code name} in positions and messages. */
    public Result eval(String name, String text) {
        SourceFile source = new SourceFile(name, text);
        Program program;
        try {
            program = ScenarioRunner.load(source);
        } catch (SyntaxFailure f) {
            return Result.failed(problems(f), null);
        }
        Set<String> known = new HashSet<>(interpreter.globals().visibleNames());
        List<Diagnostic> problems = new Resolver(known).resolve(program.statements());
        if (!problems.isEmpty()) {
            return Result.failed(problems.stream().map(d -> Problem.of(d, source)).toList(), null);
        }
        interpreter.budget().restart();
        interpreter.budget().cancellation().clear();
        try {
            interpreter.execute(program, source, directory, false);
            entries.add(text);
            return Result.succeeded();
        } catch (ScriptError e) {
            rebuild();
            return Result.failed(List.of(Problem.of(e)), e.limit());
        } catch (SyntaxFailure f) {
            rebuild();
            return Result.failed(problems(f), null);
        } catch (RuntimeException | StackOverflowError e) {
            rebuild();
            return new Result(false, List.of(new Problem("internal error: " + e, null, null, null,
                    "internal error: " + e + " (this is a bug in dmasim)\n")), null, e);
        }
    }

    private static List<Problem> problems(SyntaxFailure f) {
        return f.diagnostics().stream().map(d -> Problem.of(d, f.file())).toList();
    }

    /** What {@link #value} gave: the value, or the rendered error. */
    public record Evaluated(org.dmasim.interpreter.eval.Value value, String error) {
    }

    /**
     * The value of one expression against the session's names, not recorded as an entry (the REPL's echo of
     * {@code m}, {@code :cache rx[0..64]}). The caller passes expressions without calls or reads, so nothing
     * changes that a replay would have to repeat.
     */
    public Evaluated value(org.dmasim.interpreter.ast.Expr expression, SourceFile source) {
        interpreter.budget().restart();
        try {
            return new Evaluated(interpreter.evaluate(expression, source, directory), null);
        } catch (ScriptError e) {
            return new Evaluated(null, ScriptErrors.render(e));
        } catch (RuntimeException e) {
            return new Evaluated(null, "error: " + e.getMessage() + "\n");
        }
    }

    /**
     * Stops the entry running now (from any thread): it fails with the limit {@code cancelled} and
     * the machine is as before it. Without a running entry, nothing happens.
     */
    public void cancel() {
        interpreter.budget().cancellation().cancel();
    }

    /** Replays the entries that succeeded on a new machine, silently, then shows events again. */
    private void rebuild() {
        Thread.interrupted(); // an interrupt (the REPL's Ctrl-C) stopped the entry, not the replay
        Interpreter replay = fresh(new SilentListener());
        for (String text : entries) {
            SourceFile source = new SourceFile("<repl>", text);
            replay.execute(ScenarioRunner.load(source), source, directory, false);
        }
        interpreter = replay.withListener(listener);
    }

    /**
     * Replays the entries that succeeded on a new machine, showing their events to {@code to} (the
     * REPL's {@code :timeline}); the session's own machine is untouched. Entry {@code n} is named
     * {@code #n} in positions.
     */
    public void replay(RunListener to) {
        Interpreter replay = fresh(to);
        int n = 1;
        for (String text : entries) {
            SourceFile source = new SourceFile("#" + n++, text);
            replay.execute(ScenarioRunner.load(source), source, directory, false);
        }
    }

    /** A new machine with no entries ({@code :reset}); {@code newArch} replaces the arch when not null. */
    public void reset(String newArch) {
        if (newArch != null) {
            arch = newArch;
        }
        entries.clear();
        interpreter = fresh(listener);
    }

    /** jshell-style: does this text need more lines (open brackets, a trailing operator)? */
    public static boolean isComplete(String text) {
        return new ScriptParser().isComplete(text);
    }

    /** The entries that succeeded, in order: a replayable script ({@code :save}). */
    public List<String> entries() {
        return List.copyOf(entries);
    }

    public Interpreter interpreter() {
        return interpreter;
    }

    public Kernel kernel() {
        return interpreter.kernel();
    }

    public Environment globals() {
        return interpreter.globals();
    }

    /** The arch named for this session ({@code --arch}, {@code :arch}), or null for the script's own. */
    public String arch() {
        return arch;
    }
}
