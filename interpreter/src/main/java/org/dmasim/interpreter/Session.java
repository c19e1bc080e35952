package org.dmasim.interpreter;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.dmasim.engine.Kernel;
import org.dmasim.interpreter.ast.Program;
import org.dmasim.interpreter.diag.Diagnostic;
import org.dmasim.interpreter.diag.SourceFile;
import org.dmasim.interpreter.diag.Style;
import org.dmasim.interpreter.eval.Cancellation;
import org.dmasim.interpreter.eval.Environment;
import org.dmasim.interpreter.eval.Interpreter;
import org.dmasim.interpreter.eval.RunListener;
import org.dmasim.interpreter.eval.ScriptError;
import org.dmasim.interpreter.eval.SilentListener;
import org.dmasim.interpreter.eval.Summary;
import org.dmasim.interpreter.eval.SyntaxFailure;
import org.dmasim.interpreter.parse.ScriptParser;
import org.dmasim.interpreter.resolve.Resolver;

/**
 * An interactive session: entries of .dma text evaluated one after another against one machine
 * (the REPL, the API's sessions). Each entry has a number; the REPL's entries are named by it, so
 * their positions read {@code [7]:1:5}. An entry that fails leaves the machine as it was: the
 * session is rebuilt by replaying the entries that succeeded; so does taking an entry back
 * ({@link #drop}).
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
            return error(Style.PLAIN);
        }

        /** The problems rendered in {@code style} (colours on a terminal), or null when the entry succeeded. */
        public String error(Style style) {
            return ok ? null : problems.stream().map(p -> p.rendered(style)).collect(Collectors.joining());
        }
    }

    /** An entry that succeeded: its number, the name its positions show ({@code [7]}) and its text. */
    public record Entry(int number, String name, String text) {
        SourceFile source() {
            return new SourceFile(name, text);
        }
    }

    private final ScenarioRunner.Options options;
    private final RunListener listener;
    /** Where events go now: the listener, or a silent one while earlier entries replay. */
    private RunListener current;
    private final Path directory;
    private final List<Entry> entries = new ArrayList<>();
    private String arch;
    /** Volatile for {@link #cancel()}, which comes from another thread. */
    private volatile Interpreter interpreter;
    private int lastNumber;
    /** Entries that need the explorer switch the session to exploring ({@link #exploreWhenNeeded}). */
    private boolean mayExplore;
    /** Null while the session is one sequence; else the executions of its entries. */
    private Executions executions;
    /** Entries parsed once for the explorer's many runs. */
    private final java.util.Map<String, Program> parsed = new java.util.HashMap<>();
    /** The cancellation of the exploration running now, or null. */
    private volatile Cancellation exploring;

    public Session(ScenarioRunner.Options options, RunListener listener, Path directory) {
        this.options = options;
        this.listener = listener;
        this.current = listener;
        this.directory = directory;
        this.arch = options.arch();
        this.interpreter = fresh(listener);
    }

    private Interpreter fresh(RunListener to) {
        // Each machine has its own cancellation: cancel() reaches the entry running now, never a replay.
        Interpreter in = new Interpreter(options.kernel(), to, options.withCancellation(new Cancellation()).budget(),
                ScenarioRunner::load, arch);
        in.applyArchOverride();
        return mayExplore ? in.withScheduler(LiveProbe.INSTANCE) : in;
    }

    /**
     * From now on an entry that needs the explorer (an {@code async}, a condition on a read with
     * several outcomes) makes the session concurrent: that entry and every later one run all the
     * entries again under the explorer, each execution on a fresh machine, and show what the new
     * entry did over every execution (docs/concurrency.md). Without it such an entry is an error.
     */
    public Session exploreWhenNeeded() {
        mayExplore = true;
        if (executions == null) {
            interpreter.withScheduler(LiveProbe.INSTANCE);
        }
        return this;
    }

    /** The executions of the session's entries, or null while it is one sequence. */
    public Executions executions() {
        return executions;
    }

    /** Evaluates one entry (one or more statements); it gets the next number and is named by it: {@code [7]}. */
    public Result eval(String text) {
        int number = ++lastNumber;
        return eval(new Entry(number, "[" + number + "]", text));
    }

    /** Evaluates one entry, named {@code name} in positions and messages. */
    public Result eval(String name, String text) {
        return eval(new Entry(++lastNumber, name, text));
    }

    private Result eval(Entry entry) {
        SourceFile source = entry.source();
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
        if (executions != null) {
            return explore(entry, 0);
        }
        interpreter.budget().restart();
        interpreter.budget().cancellation().clear();
        EntryOutput shown = mayExplore ? EntryOutput.live(current) : null;
        if (shown != null) {
            interpreter.withListener(shown);
        }
        Progress before = progress();
        try {
            // positions in witnesses name the entry: "device write at [5]:1:1"
            interpreter.execute(program, source, directory, true);
            entries.add(entry);
            return Result.succeeded();
        } catch (LiveProbe.NeedsExplorer | org.dmasim.interpreter.eval.ForkRequest e) {
            // the events shown so far are the same in every execution; the explorer skips them
            int already = shown == null ? 0 : shown.shown();
            shown = null;
            rebuild();
            return explore(entry, already);
        } catch (ScriptError e) {
            if (e.limit() != null) {
                // a limit (time, steps, output, memory budget, cancel) may stop a long kernel call
                // half-way, its work done: a TTM exporter moved a buffer out of VRAM, then the
                // importer's dma_map_sg ran out of memory budget (fuzz finding "repl-state-changed")
                rebuild();
            } else {
                rebuildUnless(before);
            }
            return Result.failed(List.of(Problem.of(e)), e.limit());
        } catch (SyntaxFailure f) {
            rebuildUnless(before);
            return Result.failed(problems(f), null);
        } catch (StackOverflowError e) {
            rebuild();
            return Result.failed(List.of(Problem.plain("<repl>", "the entry recursed too deeply")), null);
        } catch (RuntimeException e) {
            rebuild();
            return new Result(false, List.of(new Problem("internal error: " + e, null, null, null,
                    "internal error: " + e + " (this is a bug in dmasim)\n")), null, e);
        } finally {
            if (shown != null) {
                shown.flush();
                interpreter.withListener(current);
            }
        }
    }

    /**
     * Runs the entries that succeeded and then {@code entry} under the explorer, showing what
     * {@code entry} did (but its first {@code skip} events, shown already). On success the entry
     * is recorded and the session's machine becomes the first execution's.
     */
    private Result explore(Entry entry, int skip) {
        Cancellation cancellation = new Cancellation();
        exploring = cancellation;
        try {
            EntryExploration.Outcome o = EntryExploration.run(entries, List.of(entry), false, true, options, arch,
                    directory, cancellation, parsed, EntryOutput.explored(current, skip));
            if (o.first() == null) {
                return Result.failed(List.of(Problem.plain(entry.name(), "every execution hangs in " + entry.name()
                        + ", so no later entry could run: it is taken back")), null);
            }
            entries.add(entry);
            executions = o.executions();
            interpreter = o.first().withListener(current);
            return Result.succeeded();
        } catch (ScriptError e) {
            Thread.interrupted();
            return Result.failed(List.of(Problem.of(e)), e.limit());
        } catch (SyntaxFailure f) {
            return Result.failed(problems(f), null);
        } catch (RuntimeException | StackOverflowError e) {
            Thread.interrupted();
            return new Result(false, List.of(new Problem("internal error: " + e, null, null, null,
                    "internal error: " + e + " (this is a bug in dmasim)\n")), null, e);
        } finally {
            exploring = null;
        }
    }

    /**
     * The session ends: in a concurrent session the jobs' remaining steps run and a job never
     * waited for is a {@code JOB_NOT_WAITED} warning, shown to the session's listener over every
     * execution. A session that is one sequence has nothing to do.
     */
    public Result end() {
        if (executions == null) {
            return Result.succeeded();
        }
        Cancellation cancellation = new Cancellation();
        exploring = cancellation;
        try {
            EntryExploration.run(entries, List.of(), true, true, options, arch, directory, cancellation, parsed,
                    EntryOutput.explored(current, 0));
            return Result.succeeded();
        } catch (ScriptError e) {
            Thread.interrupted();
            return Result.failed(List.of(Problem.of(e)), e.limit());
        } finally {
            exploring = null;
        }
    }

    private static List<Problem> problems(SyntaxFailure f) {
        return f.diagnostics().stream().map(d -> Problem.of(d, f.file())).toList();
    }

    /**
     * Replays {@code earlier} entries (of another session) on this one, silently, keeping their numbers and
     * names; returns those that fail here (another arch).
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
        executions = null;
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

    /** {@link #value(org.dmasim.interpreter.ast.Expr, SourceFile, Style)} with errors rendered plain. */
    public Evaluated value(org.dmasim.interpreter.ast.Expr expression, SourceFile source) {
        return value(expression, source, Style.PLAIN);
    }

    /**
     * The value of one expression against the session's names, not recorded as an entry (the REPL's echo of
     * {@code m}, {@code :cache rx[0..64]}). The caller passes expressions without calls or reads, so nothing
     * changes that a replay would have to repeat. An error is rendered in {@code style}.
     */
    public Evaluated value(org.dmasim.interpreter.ast.Expr expression, SourceFile source, Style style) {
        interpreter.budget().restart();
        try {
            return new Evaluated(interpreter.evaluate(expression, source, directory), null);
        } catch (ScriptError e) {
            return new Evaluated(null, ScriptErrors.render(e, style));
        } catch (RuntimeException e) {
            return new Evaluated(null, "error: " + e.getMessage() + "\n");
        }
    }

    /**
     * Stops the entry running now (from any thread): it fails with the limit {@code cancelled} and
     * the machine is as before it. Without a running entry, nothing happens.
     */
    public void cancel() {
        Cancellation c = exploring;
        (c != null ? c : interpreter.budget().cancellation()).cancel();
    }

    /**
     * How far the session's interpreter and machine have gone: a failed entry that leaves all of it
     * equal completed no statement and no kernel call (a failing call undoes itself), so the
     * session is as it was without a replay.
     */
    private record Progress(Object machine, long calls, long statements, Summary summary) {
    }

    private Progress progress() {
        var machine = interpreter.kernel().machine();
        return new Progress(machine, machine.completedCalls(), interpreter.statementsDone(), interpreter.summary());
    }

    /** After a failed entry: a replay only when the entry got far enough to change something. */
    private void rebuildUnless(Progress before) {
        if (!progress().equals(before)) {
            rebuild();
        }
    }

    /** Replays the entries that succeeded on a new machine, silently, then shows events again. */
    private void rebuild() {
        Thread.interrupted(); // an interrupt (the REPL's Ctrl-C) stopped the entry, not the replay
        if (executions != null) {
            return; // the session's machine is the first execution's, which the failed entry did not touch
        }
        Interpreter replay = fresh(new SilentListener());
        for (Entry e : entries) {
            SourceFile source = e.source();
            // each entry had the whole budget when it ran, and ran within it: a loaded machine must
            // not turn the replay of a fast entry into a time limit (the fuzzer saw one)
            replay.budget().restartUntimed();
            replay.execute(ScenarioRunner.load(source), source, directory, true);
        }
        interpreter = replay.withListener(current);
    }

    /**
     * Replays the entries that succeeded on a new machine, showing their events to {@code to} (the
     * REPL's {@code :timeline}); the session's own machine is untouched.
     */
    public void replayOnNewMachine(RunListener to) {
        if (executions != null) {
            EntryExploration.run(List.of(), entries, false, false, options, arch, directory, new Cancellation(),
                    parsed, to);
            return;
        }
        Interpreter replay = fresh(to);
        for (Entry e : entries) {
            SourceFile source = e.source();
            replay.execute(ScenarioRunner.load(source), source, directory, false);
        }
    }

    /** A new machine with no entries ({@code :reset}); {@code newArch} replaces the arch when not null. */
    public void reset(String newArch) {
        if (newArch != null) {
            arch = newArch;
        }
        entries.clear();
        executions = null;
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
