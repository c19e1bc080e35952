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
import org.dmasim.interpreter.diag.Style;
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
 * (the REPL). Each entry has a number, and its positions read {@code [7]:1:5}. An entry that fails
 * leaves the machine as it was: the session is rebuilt by replaying the entries that succeeded; so
 * does taking an entry back ({@link #drop}).
 */
public final class Session {
    /** What an entry did: {@code error} holds the rendered diagnostics when it failed. */
    public record Result(boolean ok, String error) {
    }

    /** An entry that succeeded: its number (shown in positions as {@code [7]:1:5}) and its text. */
    public record Entry(int number, String text) {
        /** The entry as a source file named {@code [N]}. */
        SourceFile source() {
            return new SourceFile("[" + number + "]", text);
        }
    }

    private final ScenarioRunner.Options options;
    private final RunListener listener;
    /** Where events go now: the listener, or a silent one while earlier entries replay. */
    private RunListener current;
    private final Path directory;
    private final List<Entry> entries = new ArrayList<>();
    private String arch;
    private Interpreter interpreter;
    private Style style = Style.PLAIN;
    private int lastNumber;

    public Session(ScenarioRunner.Options options, RunListener listener, Path directory) {
        this.options = options;
        this.listener = listener;
        this.current = listener;
        this.directory = directory;
        this.arch = options.arch();
        this.interpreter = fresh(listener);
    }

    /** How errors are rendered (colours on a terminal). */
    public Session withStyle(Style to) {
        this.style = to;
        return this;
    }

    private Interpreter fresh(RunListener to) {
        Interpreter in = new Interpreter(new Kernel(), to, new Budget(options.stepBudget(), options.timeout()),
                ScenarioRunner::load, arch);
        in.applyArchOverride();
        return in;
    }

    /** Evaluates one entry (one or more statements); it gets the next entry number. */
    public Result eval(String text) {
        return eval(new Entry(++lastNumber, text));
    }

    private Result eval(Entry entry) {
        SourceFile source = entry.source();
        Program program;
        try {
            program = ScenarioRunner.load(source);
        } catch (SyntaxFailure f) {
            return new Result(false, render(f.diagnostics(), f.file()));
        }
        Set<String> known = new HashSet<>(interpreter.globals().visibleNames());
        List<Diagnostic> problems = new Resolver(known).resolve(program.statements());
        if (!problems.isEmpty()) {
            return new Result(false, render(problems, source));
        }
        interpreter.budget().restart();
        try {
            interpreter.execute(program, source, directory, true);
            entries.add(entry);
            return new Result(true, null);
        } catch (ScriptError e) {
            rebuild();
            return new Result(false, ScriptErrors.render(e, style));
        } catch (SyntaxFailure f) {
            rebuild();
            return new Result(false, render(f.diagnostics(), f.file()));
        } catch (RuntimeException | StackOverflowError e) {
            rebuild();
            return new Result(false, "internal error: " + e + " (this is a bug in dmasim)\n");
        }
    }

    private String render(List<Diagnostic> diagnostics, SourceFile source) {
        return DiagnosticRenderer.renderAll(diagnostics, source, style, 0);
    }

    /**
     * Replays {@code earlier} entries (of another session) on this one, silently, keeping their numbers;
     * returns those that fail here (another arch).
     */
    public List<Entry> replay(List<Entry> earlier, RunListener quiet) {
        List<Entry> failed = new ArrayList<>();
        current = quiet;
        interpreter.withListener(quiet);
        try {
            for (Entry e : earlier) {
                lastNumber = Math.max(lastNumber, e.number());
                if (!eval(e).ok()) {
                    failed.add(e);
                }
            }
        } finally {
            current = listener;
            interpreter.withListener(listener);
        }
        return failed;
    }

    /**
     * Takes entry {@code number} back: the others replay on a new machine, silently. Returns the entries
     * that fail without it (they are taken back too), or null when no entry has that number.
     */
    public List<Entry> drop(int number) {
        List<Entry> rest = new ArrayList<>(entries);
        if (!rest.removeIf(e -> e.number() == number)) {
            return null;
        }
        entries.clear();
        interpreter = fresh(listener);
        return replay(rest, new SilentListener());
    }

    /** The last entry that succeeded, or null. */
    public Entry last() {
        return entries.isEmpty() ? null : entries.get(entries.size() - 1);
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
            return new Evaluated(null, ScriptErrors.render(e, style));
        } catch (RuntimeException e) {
            return new Evaluated(null, "error: " + e.getMessage() + "\n");
        }
    }

    /** Replays the entries that succeeded on a new machine, silently, then shows events again. */
    private void rebuild() {
        Thread.interrupted(); // an interrupt (the REPL's Ctrl-C) stopped the entry, not the replay
        Interpreter replay = fresh(new SilentListener());
        for (Entry e : entries) {
            SourceFile source = e.source();
            replay.execute(ScenarioRunner.load(source), source, directory, true);
        }
        interpreter = replay.withListener(current);
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

    /** The texts of the entries that succeeded, in order: a replayable script ({@code :save}). */
    public List<String> entries() {
        return entries.stream().map(Entry::text).toList();
    }

    /** The entries that succeeded, with their numbers ({@code :list}). */
    public List<Entry> numbered() {
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
