package org.dmasim.polyglot;

import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import org.dmasim.engine.ScriptFault;
import org.dmasim.interpreter.Ending;
import org.dmasim.interpreter.Problem;
import org.dmasim.interpreter.ScenarioRunner;
import org.dmasim.interpreter.ast.Span;
import org.dmasim.interpreter.diag.Diagnostic;
import org.dmasim.interpreter.diag.Severity;
import org.dmasim.interpreter.diag.SourceFile;
import org.dmasim.interpreter.eval.Budget;
import org.dmasim.interpreter.eval.Cancellation;
import org.dmasim.interpreter.eval.Interpreter;
import org.dmasim.interpreter.eval.RunListener;
import org.dmasim.interpreter.eval.Summary;
import org.dmasim.interpreter.explore.Explorer;
import org.dmasim.interpreter.output.TextOutput;
import org.graalvm.polyglot.Context;
import org.graalvm.polyglot.Engine;
import org.graalvm.polyglot.PolyglotException;
import org.graalvm.polyglot.Source;

/**
 * Runs a JavaScript or Python scenario (docs/javascript-python.md) with the {@code dmasim} global bound to a
 * fresh machine, sandboxed, and prints what a {@code .dma} run prints. Exit codes as for
 * {@code .dma}: 0 pass, 1 fail (a failed expectation, an error report, an uncaught exception),
 * 2 a script error (syntax, a limit of time, statements or memory).
 */
public final class PolyglotRunner {
    /**
     * @param heapShare share of the heap that, still used after a collection, stops the script
     * @param verbose say on stderr which GraalVM runtime runs the script
     */
    public record Options(ScenarioRunner.Options run, boolean verbose, double heapShare) {
        public static Options of(ScenarioRunner.Options run, boolean verbose) {
            return new Options(run, verbose, HeapGuard.DEFAULT_SHARE);
        }
    }

    private PolyglotRunner() {
    }

    /** Whether {@code file} is a JavaScript or Python scenario (by its extension). */
    public static boolean handles(Path file) {
        return Language.of(file).isPresent();
    }

    public static int run(Path file, Options options, PrintStream out, PrintStream err) {
        return run(file, options, new TextOutput(out), out, err);
    }

    /** Runs {@code file}, showing its events to {@code listener}; the guest's console output goes to {@code out}. */
    public static int run(Path file, Options options, RunListener listener, PrintStream out, PrintStream err) {
        Language language = Language.of(file).orElseThrow(() -> new IllegalArgumentException("not a .js or .py file: " + file));
        SourceFile source;
        try {
            source = SourceFile.read(file);
        } catch (NoSuchFileException e) {
            err.println("error: cannot read " + file + ": no such file");
            return ScenarioRunner.SCRIPT_ERROR;
        } catch (IOException e) {
            err.println("error: cannot read " + file + ": " + e.getMessage());
            return ScenarioRunner.SCRIPT_ERROR;
        }
        return run(source, language, file.toAbsolutePath().getParent(), options, listener, out, err);
    }

    /** Runs a script already in memory, showing reads and reports to {@code listener}. */
    public static int run(SourceFile script, Language language, Path directory, Options options, RunListener listener,
            PrintStream out, PrintStream err) {
        Ending ending = execute(script, language, directory, options, listener, out, err);
        out.flush();
        ending.print(out, err);
        return ending.exit();
    }

    /**
     * Runs a script already in memory and hands back how it ended, as data: reads and reports go
     * to {@code listener}, what the guest prints to {@code out} and {@code err}. The run's
     * {@link ScenarioRunner.Options#cancellation()} stops it from another thread.
     */
    public static Ending execute(SourceFile script, Language language, Path directory, Options options,
            RunListener listener, OutputStream out, PrintStream err) {
        ScenarioRunner.Options run = options.run();
        Engine engine = Sandbox.engine(run.stepBudget());
        if (options.verbose() && !engine.getImplementationName().startsWith("GraalVM")) {
            err.println("note: " + language.displayName() + " runs in GraalVM's interpreter (the launcher's"
                    + " default: on 2 cores it was faster than the optimizing runtime; DMASIM_GRAAL_COMPILER=1"
                    + " asks for that)");
        }
        long start = System.nanoTime();
        int[] runs = {0};
        // A script with device jobs runs once per execution (docs/concurrency.md), each time in a
        // fresh context on a fresh machine: a guest's state cannot be copied. Its own console output
        // is the first execution's; the reads and reports are merged over all of them.
        Explorer explorer = new Explorer(new Explorer.Options(run.maxExecutions(), run.reduce()));
        try {
            Summary summary = explorer.explore(execution -> {
                boolean first = runs[0]++ == 0;
                Budget budget = run.budget(start);
                if (!first) {
                    // each execution's guest counts its steps anew: hundreds of short executions must
                    // still see the deadline they share, before a context is made for the next one
                    try {
                        budget.checkDeadline();
                    } catch (Budget.Exceeded e) {
                        throw new Explorer.OutOfTime(e, runs[0] - 1);
                    }
                }
                Interpreter interpreter = new Interpreter(run.kernel(), execution.listener(), budget,
                        ScenarioRunner::load, run.arch()).withoutFileImports().withScheduler(execution);
                execution.attach(interpreter);
                Ending ending = runOnce(script, language, directory, options, interpreter, execution::attach,
                        first ? out : OutputStream.nullOutputStream(),
                        first ? err : new PrintStream(OutputStream.nullOutputStream()), start);
                if (!ending.problems().isEmpty() || ending.internal() != null || ending.limit() != null) {
                    throw new GuestEnded(ending);
                }
            }, listener, run.budget(start)).summary();
            return Ending.completed(summary);
        } catch (GuestEnded g) {
            return g.ending;
        } catch (Explorer.ShowingTooLong | Explorer.OutOfTime late) {
            return Ending.rejected(List.of(Problem.plain(script.name(), late.getMessage())), Budget.TIMEOUT);
        }
    }

    /** A run of the guest that ended otherwise than by completing: every execution ends there. */
    private static final class GuestEnded extends RuntimeException {
        final transient Ending ending;

        GuestEnded(Ending ending) {
            super("guest ended", null, false, false);
            this.ending = ending;
        }
    }

    private static Ending runOnce(SourceFile script, Language language, Path directory, Options options,
            Interpreter interpreter, java.util.function.Consumer<Interpreter> attach, OutputStream out,
            PrintStream err, long start) {
        ScenarioRunner.Options run = options.run();
        AtomicReference<Stop> stopped = new AtomicReference<>();
        GuestOutput guestOut = new GuestOutput(out, interpreter.budget(), stopped);
        GuestOutput guestErr = new GuestOutput(err, interpreter.budget(), stopped);
        Context context = Sandbox.context(language, run.stepBudget(), guestOut, guestErr);
        guestOut.stops(context);
        guestErr.stops(context);
        context.initialize(language.id()); // the language's own start-up is not the script's time
        java.time.Duration left = run.timeout().minusNanos(System.nanoTime() - start);
        try (Watchdog w = new Watchdog(context, run.timeout(), left, stopped);
                HeapGuard g = new HeapGuard(context, options.heapShare(), stopped);
                Cancellation.Registration c = run.cancellation().onCancel(() -> {
                    if (stopped.compareAndSet(null, new Stop(Budget.CANCELLED, "the evaluation was cancelled"))) {
                        context.close(true);
                    }
                })) {
            return execute(script, language, directory, interpreter, attach, context, stopped, run);
        } finally {
            try {
                context.close(true);
            } catch (RuntimeException e) {
                // already closed by a limit
            }
        }
    }

    private static Ending execute(SourceFile script, Language language, Path directory, Interpreter interpreter,
            java.util.function.Consumer<Interpreter> attach, Context context, AtomicReference<Stop> stopped,
            ScenarioRunner.Options run) {
        Host host = null;
        try {
            interpreter.applyArchOverride();
            host = new Host(interpreter, interpreter.listener(), script, directory, language, run.arch())
                    .onNewInterpreter(attach);
            host.stopOnLimit(stopped);
            host.attach(context);
            context.getBindings(language.id()).putMember("dmasim", new DmasimObject(host));
            context.eval(Source.newBuilder(language.id(), script.text(), script.name()).buildLiteral());
            if (host.signal() != null) {
                throw host.signal(); // the guest caught it and went on
            }
            return Ending.completed(host.finish());
        } catch (PolyglotException e) {
            if (host != null && host.signal() != null) {
                throw host.signal(); // the explorer steers the run from inside a guest call: pass it on
            }
            Interpreter current = host == null ? interpreter : host.interpreter();
            ScriptFault unkept = null;
            try {
                current.drainReports();
            } catch (ScriptFault f) {
                // keeping the reports can exceed the budget too (a concurrent run charges what it keeps)
                unkept = f;
            }
            Stop stop = stopped.get();
            if (stop != null) {
                return Ending.rejected(List.of(problem(script, e, stop.message())), stop.limit());
            }
            if (unkept != null) {
                return Ending.rejected(List.of(problem(script, e, unkept.getMessage())), unkept.limit());
            }
            if (e.isCancelled() && language == Language.JS) {
                return Ending.rejected(List.of(problem(script, e, "the script executed more than "
                        + run.stepBudget() + " statements (the statement limit; raise it with --max-steps)")), Budget.STEPS);
            }
            if (e.isResourceExhausted()) {
                return Ending.rejected(List.of(problem(script, e, "the script ran out of memory ("
                        + e.getMessage() + ")")), ScriptFault.MEMORY);
            }
            if (e.isExit()) {
                Summary summary = host.finish();
                if (e.getExitStatus() != 0) {
                    throw new GuestEnded(new Ending(ScenarioRunner.FAIL, summary, List.of(), null, null));
                }
                return Ending.completed(summary);
            }
            String refusal = refusal(e);
            if (refusal != null) {
                return failed(problem(script, e, "the sandbox refused: " + refusal));
            }
            if (e.isHostException() || e.isInternalError()) {
                Throwable cause = e.isHostException() ? e.asHostException() : e;
                return Ending.crashed(cause, run.debug());
            }
            Problem p = problem(script, e, (e.isSyntaxError() ? "syntax error: " : "uncaught ") + e.getMessage());
            return e.isSyntaxError() ? Ending.rejected(List.of(p), null) : failed(p);
        } catch (org.dmasim.interpreter.eval.ScriptError e) {
            return Ending.rejected(List.of(Problem.of(e)), e.limit());
        } catch (ScriptFault e) {
            // a limit reached outside any call: in the end-of-run checks, as ScenarioRunner says it
            return Ending.rejected(List.of(Problem.plain(script.name(), e.getMessage()
                    + " (in the checks at the end of the run)")), e.limit());
        }
    }

    /** The script failed (exit 1) with {@code p} printed: an uncaught exception, a refusal. */
    private static Ending failed(Problem p) {
        return new Ending(ScenarioRunner.FAIL, null, List.of(p), null, null);
    }

    /** What the sandbox refused (a process, a thread, a file...), or null when {@code e} is no refusal. */
    private static String refusal(PolyglotException e) {
        if (!e.isHostException() && !e.isInternalError()) {
            return null;
        }
        String m = e.isHostException() ? String.valueOf(e.asHostException().getMessage()) : String.valueOf(e.getMessage());
        m = m.replaceFirst("^java\\.lang\\.[A-Za-z]+: ", "");
        // GraalPy's POSIX layer under the sandbox: "socket was excluded" (an internal error of the guest)
        java.util.regex.Matcher excluded = java.util.regex.Pattern.compile("(\\w+) was excluded").matcher(m);
        if (excluded.find()) {
            return excluded.group(1) + " is not available in the sandbox";
        }
        if (m.contains("not allowed")) {
            int hint = m.indexOf(" to enable it");
            String text = hint > 0 ? m.substring(0, hint) : m;
            return text.endsWith(",") ? text.substring(0, text.length() - 1) : text;
        }
        return null;
    }

    /** An uncaught guest exception or a limit, pointing at the innermost frame in the script (if it has one). */
    private static Problem problem(SourceFile script, PolyglotException e, String message) {
        List<org.graalvm.polyglot.SourceSection> places = new java.util.ArrayList<>();
        places.add(e.getSourceLocation());
        for (PolyglotException.StackFrame f : e.getPolyglotStackTrace()) {
            if (f.isGuestFrame()) {
                places.add(f.getSourceLocation());
            }
        }
        for (var at : places) {
            if (at != null && at.isAvailable() && at.getSource().getName().equals(script.name())) {
                Span span = new Span(at.getCharIndex(), Math.max(at.getCharIndex() + 1, Math.min(at.getCharEndIndex(),
                        script.lineStart(at.getStartLine()) + script.lineText(at.getStartLine()).length())));
                return Problem.of(new Diagnostic(Severity.ERROR, null, message, span, null, List.of()), script);
            }
        }
        return Problem.plain(script.name(), message);
    }

    /** The name of the GraalVM runtime on this JVM: {@code GraalVM CE} when optimizing, else {@code Interpreted}. */
    public static String implementationName() {
        return Sandbox.engine(ScenarioRunner.Options.DEFAULT_STEPS).getImplementationName();
    }
}
