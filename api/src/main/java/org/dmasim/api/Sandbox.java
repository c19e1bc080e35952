package org.dmasim.api;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.BiFunction;
import org.dmasim.interpreter.Ending;
import org.dmasim.interpreter.Problem;
import org.dmasim.interpreter.ScenarioRunner;
import org.dmasim.interpreter.diag.SourceFile;
import org.dmasim.interpreter.eval.Cancellation;
import org.dmasim.interpreter.suite.ScenarioKinds;

/**
 * Runs scenarios, each on a fresh emulated machine, under the limits it was built with
 * ({@link Dmasim#builder()}). A sandbox holds no machine between runs, so runs never see each
 * other; it is thread-safe: several threads may run in one sandbox at once, and sandboxes in one
 * JVM share nothing mutable.
 *
 * <p>{@link #run(Path)} and {@link #eval(String)} hand back a {@link Result}; the variants with
 * a {@link Listener} stream the same events as they happen. {@link #session()} evaluates entries
 * one after another against one live machine, as the REPL does.
 */
public final class Sandbox {
    /** The name script text gets in positions and messages. */
    public static final String EVAL_NAME = "<eval>";

    private final ScenarioRunner.Options options;
    private final long maxExecutions;
    private final boolean keepEvents;
    private final Set<Cancellation> running = ConcurrentHashMap.newKeySet();

    Sandbox(SandboxBuilder b) {
        ScenarioRunner.Options o = new ScenarioRunner.Options(b.arch, b.timeout, b.maxSteps, b.debug)
                .withExploration((int) Math.min(b.maxExecutions, Integer.MAX_VALUE), b.reduction);
        this.options = b.memoryBudget > 0 ? o.withMemoryLimit(b.memoryBudget) : o;
        this.maxExecutions = b.maxExecutions;
        this.keepEvents = b.keepEvents;
    }

    /**
     * Runs a scenario file: {@code .dma}, or {@code .js} / {@code .py} when the dmasim-polyglot
     * module is on the class path. Imports resolve next to the file.
     */
    public Result run(Path file) {
        return run(file, null);
    }

    /**
     * Whether this sandbox runs scenarios like {@code file}: {@code .dma} always, {@code .js} and
     * {@code .py} only with the dmasim-polyglot module on the class path.
     */
    public boolean canRun(Path file) {
        return ScenarioKinds.forFile(file).isPresent();
    }

    /** Runs a scenario file, showing its events to {@code listener} (may be null) as they happen. */
    public Result run(Path file, Listener listener) {
        Objects.requireNonNull(file, "file");
        var kind = ScenarioKinds.forFile(file);
        if (kind.isEmpty()) {
            String why = ScenarioKinds.isScenario(file)
                    ? "running it needs the dmasim-polyglot module on the class path"
                    : "not a scenario (.dma, .js or .py)";
            return evaluate(listener, (o, r) -> Ending.rejected(java.util.List.of(Problem.plain(file.toString(), why)), null));
        }
        return evaluate(listener, (o, r) -> kind.get().execute(file, o, r));
    }

    /** Runs {@code .dma} text as a whole scenario, named {@value #EVAL_NAME}; imports resolve in the working directory. */
    public Result eval(String script) {
        return eval(script, null);
    }

    /** Runs {@code .dma} text as a whole scenario, showing its events to {@code listener} (may be null). */
    public Result eval(String script, Listener listener) {
        Objects.requireNonNull(script, "script");
        SourceFile source = new SourceFile(EVAL_NAME, script);
        return evaluate(listener, (o, r) -> ScenarioRunner.execute(source, Path.of("").toAbsolutePath(), o, r));
    }

    /**
     * A session: {@code .dma} entries evaluated one after another against one live machine, under
     * this sandbox's limits (each entry gets the whole time and step budget).
     */
    public Session session() {
        return session(null);
    }

    /** A session whose entries show their events to {@code listener} (may be null). */
    public Session session(Listener listener) {
        return new Session(options, keepEvents, listener);
    }

    /**
     * A {@code javax.script} engine whose evaluations run under this sandbox's limits (the one a
     * {@link javax.script.ScriptEngineManager} finds has the default limits).
     */
    public DmasimScriptEngine scriptEngine() {
        return new DmasimScriptEngine(new DmasimScriptEngineFactory(), this);
    }

    /**
     * Stops every evaluation running in this sandbox now, from any thread: each ends with
     * {@link Status#LIMIT_EXCEEDED} and {@link Limit#CANCELLED}. The sandbox stays usable; runs
     * started after this call are not affected. Sessions are cancelled with {@link Session#cancel()}.
     */
    public void cancel() {
        running.forEach(Cancellation::cancel);
    }

    /** The arch profile every run uses, or null when each script chooses its own. */
    public String arch() {
        return options.arch();
    }

    /** The wall-clock limit of one evaluation. */
    public Duration timeout() {
        return options.timeout();
    }

    /** The step budget of one evaluation. */
    public long maxSteps() {
        return options.stepBudget();
    }

    /** How many executions one run may explore. */
    public long maxExecutions() {
        return maxExecutions;
    }

    /** The host's memory budget in bytes, or 0 when the machine's default applies. */
    public long memoryBudget() {
        return options.memoryLimit();
    }

    /** One evaluation: a fresh cancellation that {@link #cancel()} reaches while it runs. */
    private Result evaluate(Listener listener, BiFunction<ScenarioRunner.Options, Recorder, Ending> body) {
        Cancellation cancellation = new Cancellation();
        running.add(cancellation);
        Recorder recorder = new Recorder(listener, keepEvents);
        try {
            Ending ending = body.apply(options.withCancellation(cancellation), recorder);
            return Results.of(ending, recorder);
        } finally {
            running.remove(cancellation);
        }
    }
}
