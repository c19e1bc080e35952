package org.dmasim.fuzz;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Supplier;
import org.dmasim.interpreter.ScenarioRunner;
import org.dmasim.interpreter.diag.SourceFile;
import org.dmasim.interpreter.output.TextOutput;
import org.dmasim.polyglot.Language;
import org.dmasim.polyglot.PolyglotRunner;

/**
 * Runs one program in this JVM, as {@code dmasim run} would, on a thread of its own: its exit code,
 * everything it printed, its events, how long it took, and any throwable that escaped the runner
 * (an OutOfMemoryError, say). A run that does not come back long after its limit is abandoned.
 */
final class Runs {
    /** What one run did; {@code escaped} is a throwable the runner let through (null normally). */
    record Run(int exit, String output, Events events, long nanos, Throwable escaped, boolean abandoned) {
        Duration duration() {
            return Duration.ofNanos(nanos);
        }
    }

    /** How long past its limit a run may take before it is left behind on its thread. */
    static final Duration ABANDON_AFTER = Duration.ofSeconds(60);

    private Runs() {
    }

    /** {@code record}: keep the run's neutral {@link Events} too (to compare it with the JavaScript run). */
    static Run dma(String text, String name, Path directory, ScenarioRunner.Options options, boolean record) {
        return dma(text, name, directory, options, record, false);
    }

    /** {@code keep}: the run's events keep its interpreter and machine afterwards (see {@link HeapCheck}). */
    static Run dma(String text, String name, Path directory, ScenarioRunner.Options options, boolean record,
            boolean keep) {
        return onThread(options.timeout(), record, keep, (out, events) -> ScenarioRunner.run(new SourceFile(name, text),
                directory, options, events, out, out));
    }

    static Run js(String text, String name, Path directory, ScenarioRunner.Options options) {
        return onThread(options.timeout(), true, false, (out, events) -> PolyglotRunner.run(new SourceFile(name, text),
                name.endsWith(".py") ? Language.PYTHON : Language.JS, directory, PolyglotRunner.Options.of(options, false),
                events, out, out));
    }

    interface Body {
        int run(PrintStream out, Events events);
    }

    private static Run onThread(Duration limit, boolean record, boolean keep, Body body) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        PrintStream out = new PrintStream(bytes, true, StandardCharsets.UTF_8);
        Events events = new Events(new TextOutput(out), record);
        if (keep) {
            events.keepInterpreter();
        }
        long start = System.nanoTime();
        Supplier<Integer> task = () -> body.run(out, events);
        CompletableFuture<Integer> f = new CompletableFuture<>();
        Thread t = Thread.ofPlatform().daemon().name("fuzz-run").start(() -> {
            try {
                f.complete(task.get());
            } catch (Throwable e) {
                f.completeExceptionally(e);
            }
        });
        try {
            int exit = f.get(limit.plus(ABANDON_AFTER).toMillis(), TimeUnit.MILLISECONDS);
            return new Run(exit, text(bytes), events, System.nanoTime() - start, null, false);
        } catch (ExecutionException e) {
            return new Run(-1, text(bytes), events, System.nanoTime() - start, e.getCause(), false);
        } catch (TimeoutException e) {
            t.interrupt();
            return new Run(-1, text(bytes), events, System.nanoTime() - start, null, true);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** {@code task} on a thread of its own; null when it did not end within {@code limit} (left behind). */
    static <T> T bounded(Duration limit, Supplier<T> task) {
        CompletableFuture<T> f = new CompletableFuture<>();
        Thread t = Thread.ofPlatform().daemon().name("fuzz-check").start(() -> {
            try {
                f.complete(task.get());
            } catch (Throwable e) {
                f.completeExceptionally(e);
            }
        });
        try {
            return f.get(limit.toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            throw new IllegalStateException(e.getCause());
        } catch (TimeoutException e) {
            t.interrupt();
            return null;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static String text(ByteArrayOutputStream bytes) {
        synchronized (bytes) {
            return bytes.toString(StandardCharsets.UTF_8);
        }
    }
}
