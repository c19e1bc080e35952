package org.dmasim.api;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import javax.script.AbstractScriptEngine;
import javax.script.Bindings;
import javax.script.ScriptContext;
import javax.script.ScriptEngine;
import javax.script.ScriptEngineFactory;
import javax.script.ScriptException;
import javax.script.SimpleBindings;

/**
 * dmasim as a {@code javax.script} engine. The engine keeps one {@link Session}: each
 * {@code eval} is an entry against the same live machine, as in {@code dmasim repl}, and returns
 * that entry's {@link Result}. Script errors, limits and failed expectations are in the result
 * (its {@link Result#status()}), not thrown; {@link ScriptException} is only for a binding the
 * script cannot take or a reader that fails.
 *
 * <p><b>Scopes.</b> {@link ScriptContext#ENGINE_SCOPE} is the script's global variables, both
 * ways: before each {@code eval}, every binding whose name is an identifier and whose value the
 * host added or changed since the last {@code eval} is bound in the script (an integer, string,
 * boolean, null, or a list, array or map of these; anything else is a {@link ScriptException});
 * after it, every global variable of the script is written back (integers as {@link Long},
 * lists and maps unmodifiable, objects of the machine such as devices and buffers as their
 * printed description; functions stay in the script). {@link ScriptContext#GLOBAL_SCOPE}, which
 * a {@link javax.script.ScriptEngineManager} shares between all its engines, is read-only input:
 * a name the engine scope lacks is bound from it when its value is one the script can take
 * (others are not visible to the script), and is written to the engine scope only once the
 * script changes it.
 *
 * <p><b>Output.</b> As each event happens, the text {@code dmasim run} prints for it (reads with
 * their outcomes, reports, failed expectations, {@code print} lines) goes to the context's
 * writer; the errors of an entry that failed go to its error writer.
 *
 * <p>{@link #finish()} ends the session as a run ends ({@code DMA_LEAK} for what is still
 * mapped) and starts a new one; {@link #cancel()} stops the running {@code eval} from another
 * thread.
 */
public final class DmasimScriptEngine extends AbstractScriptEngine {
    private final ScriptEngineFactory factory;
    private final Sandbox sandbox;
    /** Where the running eval's events are written. */
    private volatile Writer writer;
    private volatile Session session;
    /** What this engine last wrote to the engine scope, to tell the host's changes from its own. */
    private final Map<String, Object> exported = new HashMap<>();
    /** Global-scope values as the host gave them, and as the script then held them. */
    private final Map<String, Object> globalGiven = new HashMap<>();
    private final Map<String, Object> globalBound = new HashMap<>();

    DmasimScriptEngine(ScriptEngineFactory factory, Sandbox sandbox) {
        this.factory = Objects.requireNonNull(factory, "factory");
        this.sandbox = Objects.requireNonNull(sandbox, "sandbox");
        this.session = newSession();
    }

    private Session newSession() {
        return sandbox.session(Listener.of(e -> write(writer, e.text())));
    }

    private static void write(Writer to, String text) {
        if (to == null || text.isEmpty()) {
            return;
        }
        try {
            to.write(text);
            to.flush();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Evaluates {@code script} as one entry of this engine's session.
     *
     * @return the entry's {@link Result}
     * @throws ScriptException when a binding holds a value the script cannot take
     */
    @Override
    public synchronized Object eval(String script, ScriptContext context) throws ScriptException {
        Objects.requireNonNull(script, "script");
        Bindings engine = context.getBindings(ScriptContext.ENGINE_SCOPE);
        bindIn(engine, context.getBindings(ScriptContext.GLOBAL_SCOPE));
        Object file = context.getAttribute(ScriptEngine.FILENAME);
        writer = context.getWriter();
        Result result;
        try {
            result = session.eval(file == null ? Sandbox.EVAL_NAME : file.toString(), script);
        } finally {
            writer = null;
        }
        for (ScriptError e : result.errors()) {
            write(context.getErrorWriter(), e.text());
        }
        bindOut(engine);
        return result;
    }

    /** Reads {@code reader} whole and evaluates it as {@link #eval(String, ScriptContext)} does. */
    @Override
    public Object eval(Reader reader, ScriptContext context) throws ScriptException {
        StringBuilder text = new StringBuilder();
        char[] buffer = new char[8192];
        try {
            for (int n; (n = reader.read(buffer)) >= 0;) {
                text.append(buffer, 0, n);
            }
        } catch (IOException e) {
            throw (ScriptException) new ScriptException("cannot read the script: " + e.getMessage()).initCause(e);
        }
        return eval(text.toString(), context);
    }

    private void bindIn(Bindings engine, Bindings global) throws ScriptException {
        for (Map.Entry<String, Object> b : engine.entrySet()) {
            String name = b.getKey();
            if (HostValues.isName(name) && (!exported.containsKey(name) || !Objects.equals(exported.get(name), b.getValue()))) {
                try {
                    session.set(name, b.getValue());
                } catch (IllegalArgumentException e) {
                    throw new ScriptException("binding " + name + ": " + e.getMessage());
                }
                exported.remove(name);
                globalBound.remove(name);
            }
        }
        if (global == null) {
            return;
        }
        for (Map.Entry<String, Object> b : global.entrySet()) {
            String name = b.getKey();
            boolean changed = !globalGiven.containsKey(name) || !Objects.equals(globalGiven.get(name), b.getValue());
            if (HostValues.isName(name) && !engine.containsKey(name) && changed) {
                try {
                    session.set(name, b.getValue());
                    globalGiven.put(name, b.getValue());
                    globalBound.put(name, session.get(name));
                } catch (IllegalArgumentException e) {
                    // Another language's value in the shared scope: not visible to the script (documented).
                }
            }
        }
    }

    private void bindOut(Bindings engine) {
        for (Map.Entry<String, Object> g : session.globals().entrySet()) {
            String name = g.getKey();
            if (globalBound.containsKey(name) && Objects.equals(globalBound.get(name), g.getValue())) {
                continue;
            }
            globalBound.remove(name);
            engine.put(name, g.getValue());
            exported.put(name, g.getValue());
        }
    }

    /**
     * Ends the session as a run ends: what is still mapped or allocated becomes {@code DMA_LEAK}.
     * Its events go to the default context's writer; the next {@code eval} starts a new session
     * on a fresh machine.
     *
     * @return the leaks, the tally of the whole session and its summary lines
     */
    public synchronized Result finish() {
        writer = getContext().getWriter();
        try {
            Result r = session.finish();
            write(writer, r.summary());
            return r;
        } finally {
            writer = null;
            session = newSession();
            exported.clear();
            globalGiven.clear();
            globalBound.clear();
        }
    }

    /** Stops the running {@code eval} from another thread: it ends with {@link Limit#CANCELLED}. */
    public void cancel() {
        session.cancel();
    }

    /** The sandbox whose limits this engine's evaluations run under. */
    public Sandbox sandbox() {
        return sandbox;
    }

    /** Empty bindings. */
    @Override
    public Bindings createBindings() {
        return new SimpleBindings();
    }

    /** The factory that made this engine. */
    @Override
    public ScriptEngineFactory getFactory() {
        return factory;
    }
}
