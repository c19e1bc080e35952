package org.dmasim.api;

import java.nio.file.Path;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import org.dmasim.interpreter.ScenarioRunner;
import org.dmasim.interpreter.eval.Summary;
import org.dmasim.interpreter.eval.Value;

/**
 * {@code .dma} entries evaluated one after another against one live machine, as in
 * {@code dmasim repl}: an entry sees the devices, buffers and variables of the entries before
 * it. An entry that fails (a script error, a limit, {@link #cancel()}) leaves the machine as it
 * was before it. {@link #finish()} ends the session as a run ends (pending mappings become
 * {@code DMA_LEAK} reports) and gives the whole session's tally.
 *
 * <p>The host and the script share the session's global variables: {@link #set} binds a host
 * value, {@link #get} and {@link #globals()} read them back. Entries run one at a time (calls
 * from several threads wait their turn); {@link #cancel()} may come from any thread.
 */
public final class Session {
    private final org.dmasim.interpreter.Session inner;
    private final Recorder recorder;
    private boolean finished;

    Session(ScenarioRunner.Options options, boolean keepEvents, Listener listener) {
        this.recorder = new Recorder(listener, keepEvents);
        this.inner = new org.dmasim.interpreter.Session(options, recorder, Path.of("").toAbsolutePath());
    }

    /** The name entries get in positions and messages unless given one. */
    public static final String ENTRY_NAME = "<session>";

    /**
     * Evaluates one entry (one or more statements), named {@value #ENTRY_NAME}. Its result holds
     * the events of this entry, and its status says whether the entry's expectations held and it
     * raised no unexpected error report; its tally counts this entry only.
     */
    public Result eval(String entry) {
        return eval(ENTRY_NAME, entry);
    }

    /** Evaluates one entry, named {@code name} in positions and messages. */
    public synchronized Result eval(String name, String entry) {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(entry, "entry");
        requireOpen();
        Summary before = inner.interpreter().summary();
        var r = inner.eval(name, entry);
        Results.rethrowListenerFailure(r.internal());
        List<Event> events = recorder.takeEvents();
        if (!r.ok()) {
            Limit limit = r.limit() == null ? null : Limit.ofLabel(r.limit());
            Status status = r.internal() != null ? Status.INTERNAL_ERROR
                    : limit != null ? Status.LIMIT_EXCEEDED : Status.SCRIPT_ERROR;
            return new Result(status, status == Status.LIMIT_EXCEEDED ? limit : null, events,
                    Convert.errors(r.problems()), null, Executions.ONE, "");
        }
        Summary after = inner.interpreter().summary();
        Tally tally = new Tally(after.expectations() - before.expectations(), after.passed() - before.passed(),
                after.failed() - before.failed(), after.errors() - before.errors(), after.warnings() - before.warnings());
        return new Result(tally.pass() ? Status.PASSED : Status.FAILED, null, events, List.of(), tally, Executions.ONE,
                "");
    }

    /**
     * Binds a host value to a global variable of the script, as {@code let name = value} would:
     * an integer ({@link Byte}, {@link Short}, {@link Integer}, {@link Long}, a {@link java.math.BigInteger}
     * of at most 64 bits), a {@link CharSequence} or {@link Character}, a {@link Boolean}, null, or a
     * {@link List}, array or {@link Map} (with name keys) of these.
     *
     * @throws IllegalArgumentException for a name that is not an identifier or a keyword, or a value of another type
     */
    public synchronized void set(String name, Object value) {
        requireOpen();
        if (!HostValues.isName(name)) {
            throw new IllegalArgumentException("not a variable name: " + name);
        }
        var r = inner.eval(ENTRY_NAME, "let " + name + " = " + HostValues.literal(value));
        recorder.takeEvents();
        if (!r.ok()) {
            throw new IllegalArgumentException("cannot bind " + name + ": " + r.error().strip());
        }
    }

    /**
     * The value of a global variable: a {@link Long}, {@link String}, {@link Boolean}, null, or an
     * unmodifiable {@link List} or {@link Map} of these; an object of the machine (a device, a
     * buffer, a mapping) as the text {@code print} shows for it. Null when no such variable exists.
     */
    public synchronized Object get(String name) {
        Value v = inner.globals().lookup(name);
        return v == null ? null : HostValues.toJava(v);
    }

    /** Every global variable with its value as {@link #get} gives it, by name (functions are left out). */
    public synchronized Map<String, Object> globals() {
        Map<String, Object> out = new TreeMap<>();
        for (String name : inner.globals().visibleNames()) {
            Value v = inner.globals().lookup(name);
            if (HostValues.isData(v)) {
                out.put(name, HostValues.toJava(v));
            }
        }
        return Collections.unmodifiableMap(out);
    }

    /** The entries that succeeded, in order (host bindings as {@code let} entries): a replayable script. */
    public synchronized List<String> entries() {
        return inner.entries();
    }

    /**
     * Ends the session as a run ends: pending mappings and allocations become {@code DMA_LEAK}
     * reports. The result holds those events, the tally of the whole session and the summary
     * lines; the session takes no more entries.
     */
    public synchronized Result finish() {
        requireOpen();
        finished = true;
        Summary summary;
        try {
            summary = inner.interpreter().finish();
        } catch (Recorder.ListenerFailure f) {
            throw f.getCause();
        }
        return new Result(summary.pass() ? Status.PASSED : Status.FAILED, null, recorder.takeEvents(), List.of(),
                Convert.tally(summary), Executions.ONE, recorder.summaryText());
    }

    /**
     * Stops the entry running now, from any thread: it ends with {@link Limit#CANCELLED} and the
     * machine is as before it. Without a running entry, nothing happens.
     */
    public void cancel() {
        inner.cancel();
    }

    private void requireOpen() {
        if (finished) {
            throw new IllegalStateException("the session is finished");
        }
    }
}
