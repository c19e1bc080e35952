package org.dmasim.interpreter;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.dmasim.engine.Kernel;
import org.dmasim.interpreter.ast.Program;
import org.dmasim.interpreter.diag.Diagnostic;
import org.dmasim.interpreter.diag.DiagnosticRenderer;
import org.dmasim.interpreter.diag.SourceFile;
import org.dmasim.interpreter.eval.Budget;
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
    /** What an entry did: {@code error} holds the rendered diagnostics when it failed. */
    public record Result(boolean ok, String error) {
    }

    private final ScenarioRunner.Options options;
    private final RunListener listener;
    private final Path directory;
    private final List<String> entries = new ArrayList<>();
    private String arch;
    private Interpreter interpreter;

    public Session(ScenarioRunner.Options options, RunListener listener, Path directory) {
        this.options = options;
        this.listener = listener;
        this.directory = directory;
        this.arch = options.arch();
        this.interpreter = fresh(listener);
    }

    private Interpreter fresh(RunListener to) {
        Interpreter in = new Interpreter(new Kernel(), to, new Budget(options.stepBudget(), options.timeout()),
                ScenarioRunner::load, arch);
        in.applyArchOverride();
        return in;
    }

    /** Evaluates one entry (one or more statements). */
    public Result eval(String text) {
        SourceFile source = new SourceFile("<repl>", text);
        Program program;
        try {
            program = ScenarioRunner.load(source);
        } catch (SyntaxFailure f) {
            return new Result(false, DiagnosticRenderer.renderAll(f.diagnostics(), f.file()));
        }
        Set<String> known = new HashSet<>(interpreter.globals().visibleNames());
        List<Diagnostic> problems = new Resolver(known).resolve(program.statements());
        if (!problems.isEmpty()) {
            return new Result(false, DiagnosticRenderer.renderAll(problems, source));
        }
        interpreter.budget().restart();
        try {
            interpreter.execute(program, source, directory, false);
            entries.add(text);
            return new Result(true, null);
        } catch (ScriptError e) {
            rebuild();
            return new Result(false, ScriptErrors.render(e));
        } catch (SyntaxFailure f) {
            rebuild();
            return new Result(false, DiagnosticRenderer.renderAll(f.diagnostics(), f.file()));
        } catch (RuntimeException e) {
            rebuild();
            return new Result(false, "internal error: " + e + " (this is a bug in dmasim)\n");
        } catch (StackOverflowError e) {
            rebuild();
            return new Result(false, "error: <repl>: the entry recursed too deeply\n");
        }
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

    /** Replays the entries that succeeded on a new machine, silently, then shows events again. */
    private void rebuild() {
        Thread.interrupted(); // an interrupt (the REPL's Ctrl-C) stopped the entry, not the replay
        Interpreter replay = fresh(new SilentListener());
        for (String text : entries) {
            SourceFile source = new SourceFile("<repl>", text);
            replay.budget().restart(); // each entry had the whole budget when it ran
            replay.execute(ScenarioRunner.load(source), source, directory, false);
        }
        interpreter = replay.withListener(listener);
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
