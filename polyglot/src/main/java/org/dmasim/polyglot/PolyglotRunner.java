package org.dmasim.polyglot;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import org.dmasim.engine.Kernel;
import org.dmasim.interpreter.ScenarioRunner;
import org.dmasim.interpreter.ast.Span;
import org.dmasim.interpreter.diag.Diagnostic;
import org.dmasim.interpreter.diag.DiagnosticRenderer;
import org.dmasim.interpreter.diag.Severity;
import org.dmasim.interpreter.diag.SourceFile;
import org.dmasim.interpreter.eval.Budget;
import org.dmasim.interpreter.eval.Interpreter;
import org.dmasim.interpreter.eval.RunListener;
import org.dmasim.interpreter.eval.Summary;
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
        ScenarioRunner.Options run = options.run();
        Interpreter interpreter = new Interpreter(new Kernel(), listener,
                new Budget(run.stepBudget(), run.timeout()), ScenarioRunner::load, run.arch());
        AtomicReference<String> stopped = new AtomicReference<>();
        Engine engine = Sandbox.engine(run.stepBudget());
        if (options.verbose() && !engine.getImplementationName().startsWith("GraalVM")) {
            err.println("note: the GraalVM optimizing runtime is not available on this JVM; "
                    + language.displayName() + " runs in the interpreter (slower)");
        }
        Context context = Sandbox.context(language, run.stepBudget(), out, err);
        context.initialize(language.id()); // the language's own start-up is not the script's time
        try (Watchdog w = new Watchdog(context, run.timeout(), stopped);
                HeapGuard g = new HeapGuard(context, options.heapShare(), stopped)) {
            return execute(script, language, directory, interpreter, listener, context, stopped, out, err, run);
        } finally {
            try {
                context.close(true);
            } catch (RuntimeException e) {
                // already closed by a limit
            }
        }
    }

    private static int execute(SourceFile script, Language language, Path directory, Interpreter interpreter,
            RunListener listener, Context context, AtomicReference<String> stopped, PrintStream out, PrintStream err,
            ScenarioRunner.Options run) {
        boolean debug = run.debug();
        Host host = null;
        try {
            interpreter.applyArchOverride();
            host = new Host(interpreter, listener, script, directory, language, run.arch());
            host.attach(context);
            context.getBindings(language.id()).putMember("dmasim", new DmasimObject(host));
            context.eval(Source.newBuilder(language.id(), script.text(), script.name()).buildLiteral());
            Summary summary = host.finish();
            return summary.pass() ? ScenarioRunner.PASS : ScenarioRunner.FAIL;
        } catch (PolyglotException e) {
            Interpreter current = host == null ? interpreter : host.interpreter();
            current.drainReports();
            out.flush();
            if (stopped.get() != null) {
                out.println("error: " + script.name() + ": " + stopped.get());
                return ScenarioRunner.SCRIPT_ERROR;
            }
            if (e.isCancelled() && language == Language.JS) {
                out.println("error: " + script.name() + ": the script executed more than " + run.stepBudget()
                        + " statements (the statement limit; raise it with --max-steps)");
                return ScenarioRunner.SCRIPT_ERROR;
            }
            if (e.isResourceExhausted()) {
                out.println("error: " + script.name() + ": the script ran out of memory (" + e.getMessage() + ")");
                return ScenarioRunner.SCRIPT_ERROR;
            }
            if (e.isExit()) {
                Summary summary = host.finish();
                return e.getExitStatus() != 0 ? ScenarioRunner.FAIL
                        : summary.pass() ? ScenarioRunner.PASS : ScenarioRunner.FAIL;
            }
            String refusal = refusal(e);
            if (refusal != null) {
                out.print(render(script, e, "the sandbox refused: " + refusal));
                return ScenarioRunner.FAIL;
            }
            if (e.isHostException() || e.isInternalError()) {
                err.println("internal error: " + e.getMessage() + " (this is a bug in dmasim"
                        + (debug ? ")" : "; --debug shows where)"));
                if (debug) {
                    e.printStackTrace(err);
                }
                return ScenarioRunner.INTERNAL_ERROR;
            }
            out.print(render(script, e, (e.isSyntaxError() ? "syntax error: " : "uncaught ") + e.getMessage()));
            return e.isSyntaxError() ? ScenarioRunner.SCRIPT_ERROR : ScenarioRunner.FAIL;
        } catch (org.dmasim.interpreter.eval.ScriptError e) {
            out.print(org.dmasim.interpreter.ScriptErrors.render(e));
            return ScenarioRunner.SCRIPT_ERROR;
        }
    }

    /** What the sandbox refused (a process, a thread, a file...), or null when {@code e} is no refusal. */
    private static String refusal(PolyglotException e) {
        if (!e.isHostException() && !e.isInternalError()) {
            return null;
        }
        String m = e.isHostException() ? String.valueOf(e.asHostException().getMessage()) : String.valueOf(e.getMessage());
        m = m.replaceFirst("^java\\.lang\\.[A-Za-z]+: ", "");
        if (m.contains("not allowed")) {
            int hint = m.indexOf(" to enable it");
            String text = hint > 0 ? m.substring(0, hint) : m;
            return text.endsWith(",") ? text.substring(0, text.length() - 1) : text;
        }
        return null;
    }

    /** An uncaught guest exception, pointing at the innermost frame in the script. */
    private static String render(SourceFile script, PolyglotException e, String message) {
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
                return DiagnosticRenderer.render(new Diagnostic(Severity.ERROR, null, message, span, null, List.of()),
                        script);
            }
        }
        return "error: " + script.name() + ": " + message + "\n";
    }

    /** The name of the GraalVM runtime on this JVM: {@code GraalVM CE} when optimizing, else {@code Interpreted}. */
    public static String implementationName() {
        return Sandbox.engine(ScenarioRunner.Options.DEFAULT_STEPS).getImplementationName();
    }
}
