package org.dmasim.polyglot;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.Map;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.dmasim.engine.Kernel;
import org.dmasim.engine.ScriptFault;
import org.dmasim.engine.Site;
import org.dmasim.interpreter.ScenarioRunner;
import org.dmasim.interpreter.ScriptErrors;
import org.dmasim.interpreter.ast.Program;
import org.dmasim.interpreter.ast.Span;
import org.dmasim.interpreter.builtins.BuiltinRegistry;
import org.dmasim.interpreter.builtins.CallContext;
import org.dmasim.interpreter.builtins.CallError;
import org.dmasim.interpreter.diag.DiagnosticRenderer;
import org.dmasim.interpreter.diag.SourceFile;
import org.dmasim.interpreter.eval.Budget;
import org.dmasim.interpreter.eval.ExplorationSignal;
import org.dmasim.interpreter.eval.Interpreter;
import org.dmasim.interpreter.eval.Printer;
import org.dmasim.interpreter.eval.ScriptError;
import org.dmasim.interpreter.eval.SourceSite;
import org.dmasim.interpreter.eval.Summary;
import org.dmasim.interpreter.eval.SyntaxFailure;
import org.dmasim.interpreter.eval.Value;
import org.dmasim.interpreter.resolve.Resolver;
import org.graalvm.polyglot.Context;

/**
 * One guest run's side of the border: the interpreter (machine, names, tally) that the script's
 * calls and its {@code dmasim.eval} texts share, the script's source for positions, and the
 * guest helpers that throw {@code DmasimError} and find the calling line.
 */
final class Host {
    /** Calls that get a source position and name their objects; later calls (long loops) skip it. */
    static final long LOCATED_CALLS = 5_000;
    private static final Pattern WORD = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");

    private Interpreter interpreter;
    private Summary carried = new Summary(0, 0, 0, 0, 0);
    private final org.dmasim.interpreter.eval.RunListener listener;
    private final SourceFile script;
    private final Path directory;
    private final String archOverride;
    private final Language language;
    private final Conversions conversions = new Conversions(this);
    private final List<String> declaredNames;
    /** The line of each declared name's first declaration. */
    private final Map<String, Integer> declaredLines;
    /** The line of the last located call: the objects a next call finds unnamed are most likely its results. */
    private int lastCallLine = -1;
    private final Set<Object> named = Collections.newSetFromMap(new IdentityHashMap<>());
    private final Pattern locationPattern;
    private Context context;
    private org.graalvm.polyglot.Value thrower;
    private org.graalvm.polyglot.Value locator;
    private long calls;
    private java.util.concurrent.atomic.AtomicReference<Stop> stopped = new java.util.concurrent.atomic.AtomicReference<>();
    private ExplorationSignal signal;
    /** Hands a machine made by {@code dmasim.reset} to the execution that runs this guest. */
    private java.util.function.Consumer<Interpreter> attach = i -> { };
    private int evals;

    Host(Interpreter interpreter, org.dmasim.interpreter.eval.RunListener listener, SourceFile script, Path directory,
            Language language, String archOverride) {
        this.archOverride = archOverride;
        this.interpreter = interpreter;
        this.listener = listener;
        this.script = script;
        this.directory = directory;
        this.language = language;
        this.declaredNames = declaredNames(script.text(), language);
        this.declaredLines = declaredLines(script, language);
        this.locationPattern = Pattern.compile(Pattern.quote(script.name()) + ":(\\d+)(?::(\\d+))?");
    }

    /** Installs the guest helpers; called once the context exists, before the script runs. */
    void attach(Context context) {
        this.context = context;
        if (language == Language.JS) {
            thrower = context.eval(GuestHelpers.js("thrower", """
                    (() => {
                      class DmasimError extends Error {
                        constructor(message) { super(message); this.name = 'DmasimError'; }
                      }
                      return (message) => { throw new DmasimError(message); };
                    })()"""));
            locator = context.eval(GuestHelpers.js("locator", """
                    (() => { const E = Error; return () => String(new E().stack); })()"""));
        } else {
            thrower = context.eval(GuestHelpers.python("thrower", """
                    def _dmasim_thrower():
                        class DmasimError(Exception):
                            pass
                        def throw(message):
                            raise DmasimError(message)
                        return throw
                    _dmasim_thrower()
                    """));
            locator = context.eval(GuestHelpers.python("locator", """
                    def _dmasim_locator(sys):
                        def where():
                            f = sys._getframe(1)
                            out = []
                            while f is not None:
                                out.append(f'{f.f_code.co_filename}:{f.f_lineno}')
                                f = f.f_back
                            return '\\n'.join(reversed(out))
                        return where
                    _dmasim_locator(__import__('sys'))
                    """));
            context.getBindings("python").removeMember("_dmasim_thrower");
            context.getBindings("python").removeMember("_dmasim_locator");
            // print() writes through at once, so its lines and dmasim's stay in order (the
            // python.UnbufferedIO option is not allowed under the CONSTRAINED sandbox policy)
            context.eval(GuestHelpers.python("unbuffered", """
                    import sys as _s
                    _s.stdout.reconfigure(write_through=True)
                    _s.stderr.reconfigure(write_through=True)
                    del _s
                    """));
        }
    }

    Conversions conversions() {
        return conversions;
    }

    Interpreter interpreter() {
        return interpreter;
    }

    Kernel kernel() {
        return interpreter.kernel();
    }

    BuiltinRegistry registry() {
        return interpreter.registry();
    }

    /** A guest exception ({@code DmasimError}) carrying {@code message}; throw what this returns. */
    RuntimeException error(String message) {
        thrower.execute(message);
        return new IllegalStateException("the guest thrower returned");
    }

    /**
     * Runs one call of the script: positions and names for the first {@link #LOCATED_CALLS},
     * script mistakes as {@code DmasimError}s, and the reports it raised shown in order.
     */
    <T> T call(String what, boolean alwaysLocate, Function<Site, T> body) {
        return event(what, alwaysLocate, true, true, body, r -> false);
    }

    /**
     * A call that is a CPU event (a kernel call, a CPU or device access): with device jobs running,
     * jobs may take steps before it, as before a {@code .dma} call. {@code reads}: whether its result
     * is a read; {@code call}: a kernel call rather than a plain access.
     */
    <T> T event(String what, boolean alwaysLocate, boolean pure, boolean call, Function<Site, T> body,
            java.util.function.Predicate<T> reads) {
        if (signal != null) {
            throw signal; // the guest caught the explorer's signal: the run is over all the same
        }
        Stop limit = stopped.get();
        if (limit != null) {
            throw new Budget.Exceeded(limit.limit(), limit.message()); // a limit is final: no more calls
        }
        boolean located = ++calls <= LOCATED_CALLS || alwaysLocate;
        SourceSite site = null;
        if (located) {
            nameObjects();
            site = site();
            lastCallLine = site.span().end() > 0 ? script.line(site.span().start()) : -1;
        }
        Site given = site == null ? Site.NONE : site;
        try {
            if (pure) {
                return body.apply(given);
            }
            SourceSite at = site != null ? site : new SourceSite(script, new Span(0, 0), false);
            return interpreter.hostEvent(at, false, call, () -> body.apply(given), reads);
        } catch (ExplorationSignal e) {
            signal = e;
            throw e;
        } catch (CallError e) {
            // named once, as .dma names it: "drm_gem_prime_import would wait forever: ..."
            String message = e.getMessage().startsWith(what) ? e.getMessage() : what + ": " + e.getMessage();
            throw error(message + (e.help() == null ? "" : " (" + e.help() + ")"));
        } catch (ScriptFault e) {
            throw error(what + ": " + e.getMessage());
        } catch (GuestError e) {
            throw error(what + ": " + e.getMessage());
        } catch (Budget.Exceeded e) {
            // the step budget, the deadline or a cancellation, seen inside a long engine call: the run
            // stops with that limit, even if the guest catches what comes back to it
            stopped.compareAndSet(null, new Stop(e.limit(), e.getMessage()));
            throw e;
        } finally {
            interpreter.drainReports();
        }
    }

    /**
     * Where the runner learns that a call hit a limit, and where the watchdog and the heap guard say
     * they stopped the run (set before the script runs): long engine calls see that stop too.
     */
    void stopOnLimit(java.util.concurrent.atomic.AtomicReference<Stop> to) {
        this.stopped = to;
        installPulse();
    }

    /** The machine's long operations stop when the run is stopped (closing the context cannot reach into them). */
    private void installPulse() {
        Budget budget = interpreter.budget();
        interpreter.kernel().setPulse(() -> {
            Stop s = stopped.get();
            if (s != null) {
                throw new Budget.Exceeded(s.limit(), s.message());
            }
            budget.beat();
        });
    }

    Host onNewInterpreter(java.util.function.Consumer<Interpreter> a) {
        this.attach = a;
        return this;
    }

    /** The explorer's signal that ended this run inside a guest call, or null. */
    ExplorationSignal signal() {
        return signal;
    }
    /** The script line that is calling now, as a site (the whole line, for the caret). */
    SourceSite site() {
        int line = callingLine();
        if (line < 1 || line > script.lineCount()) {
            return new SourceSite(script, new Span(0, 0), false);
        }
        int start = script.lineStart(line);
        String text = script.lineText(line);
        int lead = 0;
        while (lead < text.length() && Character.isWhitespace(text.charAt(lead))) {
            lead++;
        }
        String body = withoutComment(text.strip());
        if (body.endsWith(";")) {
            body = body.substring(0, body.length() - 1).stripTrailing();
        }
        return new SourceSite(script, new Span(start + lead, start + lead + body.length()), false);
    }

    /** The line without a trailing comment (outside string quotes). */
    private String withoutComment(String line) {
        String marker = language == Language.JS ? "//" : "#";
        char quote = 0;
        for (int i = 0; i < line.length(); i++) {
            char c = line.charAt(i);
            if (quote != 0) {
                if (c == '\\') {
                    i++;
                } else if (c == quote) {
                    quote = 0;
                }
            } else if (c == '"' || c == '\'' || c == '`') {
                quote = c;
            } else if (line.startsWith(marker, i)) {
                return line.substring(0, i).stripTrailing();
            }
        }
        return line;
    }

    /** The text a read prints after its position: the calling statement. */
    String sourceText(SourceSite site) {
        if (site.span().end() <= site.span().start()) {
            return "(" + language.displayName() + " call)";
        }
        return script.text().substring(site.span().start(), site.span().end());
    }

    private int callingLine() {
        if (locator == null) {
            return -1;
        }
        try {
            String stack = locator.execute().asString();
            int found = -1;
            Matcher m = locationPattern.matcher(stack);
            while (m.find()) {
                found = Integer.parseInt(m.group(1));
                if (language == Language.JS) {
                    return found; // innermost first
                }
            }
            return found; // Python lists the innermost last
        } catch (RuntimeException e) {
            return -1;
        }
    }

    /** Names engine objects after the script's top-level variables that hold them, like {@code let} does. */
    void nameObjects() {
        if (context == null || declaredNames.isEmpty()) {
            return;
        }
        org.graalvm.polyglot.Value bindings = context.getBindings(language.id());
        // first the names declared on the line of the call that made the new objects, as `let`
        // names what it binds: after `b1 = b2` both hold b2's buffer, which `let b2` named
        for (String name : declaredNames) {
            if (lastCallLine > 0 && declaredLines.getOrDefault(name, -1) == lastCallLine) {
                labelBinding(bindings, name);
            }
        }
        for (String name : declaredNames) {
            labelBinding(bindings, name);
        }
    }

    private void labelBinding(org.graalvm.polyglot.Value bindings, String name) {
        org.graalvm.polyglot.Value v;
        try {
            v = bindings.getMember(name);
        } catch (RuntimeException e) {
            return;
        }
        if (v != null && v.isProxyObject() && v.asProxyObject() instanceof Wrapped w) {
            label(name, w.value());
        }
    }

    private void label(String name, Value v) {
        switch (v) {
            case Value.View view when named.add(view.view()) -> view.view().setLabel(name);
            case Value.Handle h when named.add(h.handle()) -> h.handle().setLabel(name);
            case Value.Opaque o when o.object() instanceof org.dmasim.engine.dmabuf.Named n && named.add(n) ->
                    n.setLabel(name);
            case Value.Coherent c when named.add(c.allocation()) -> {
                if (c.allocation().cpu() != null) {
                    c.allocation().cpu().setLabel(name + ".cpu");
                }
                c.allocation().dma().setLabel(name + ".dma");
            }
            default -> {
            }
        }
    }

    /** {@code dmasim.eval(text)}: .dma statements against the same machine; the script's variables are visible. */
    boolean eval(String text) {
        calls++;
        nameObjects();
        SourceSite caller = calls <= LOCATED_CALLS ? site() : null;
        int line = caller == null ? 0 : script.line(caller.span().start());
        SourceFile source = new SourceFile(line > 0 ? "<eval at " + line + ">" : "<eval " + (++evals) + ">", text);
        Program program;
        try {
            program = ScenarioRunner.load(source);
        } catch (SyntaxFailure f) {
            throw error("dmasim.eval: syntax error\n" + DiagnosticRenderer.renderAll(f.diagnostics(), f.file()).stripTrailing());
        }
        importNames(text);
        Set<String> known = new HashSet<>(interpreter.globals().visibleNames());
        var problems = new Resolver(known).resolve(program.statements());
        if (!problems.isEmpty()) {
            throw error("dmasim.eval:\n" + DiagnosticRenderer.renderAll(problems, source).stripTrailing());
        }
        int failedBefore = interpreter.summary().failed();
        interpreter.budget().restartSteps();
        try {
            interpreter.execute(program, source, directory, false);
        } catch (ScriptError e) {
            throw error("dmasim.eval:\n" + ScriptErrors.render(e).stripTrailing());
        } catch (SyntaxFailure f) {
            throw error("dmasim.eval:\n" + DiagnosticRenderer.renderAll(f.diagnostics(), f.file()).stripTrailing());
        } catch (Budget.Exceeded e) {
            throw error("dmasim.eval: " + e.getMessage());
        } catch (ExplorationSignal e) {
            signal = e;
            throw e;
        } finally {
            interpreter.drainReports();
        }
        return interpreter.summary().failed() == failedBefore;
    }

    /**
     * Runs {@code .dma} text that dmasim wrote for a guest call (a job, a wait), with {@code bindings}
     * visible only to it, at the script's own positions; returns what {@code result} is then bound
     * to (null: nothing).
     */
    Value evalPlaced(String text, Map<String, Value> bindings, String result) {
        if (signal != null) {
            throw signal;
        }
        calls++;
        nameObjects();
        SourceFile source = new SourceFile(script.name(), text);
        Program program = ScenarioRunner.load(source);
        Map<String, Value> before = interpreter.globals().snapshot();
        try {
            bindings.forEach(interpreter.globals()::define);
            interpreter.execute(program, source, directory, false);
            return result == null ? null : interpreter.globals().lookup(result);
        } catch (ScriptError e) {
            throw error(ScriptErrors.render(e).stripTrailing());
        } catch (ExplorationSignal e) {
            signal = e;
            throw e;
        } finally {
            interpreter.globals().restore(before);
            interpreter.drainReports();
        }
    }

    /** Binds, for the .dma text, every word of it that names a dmasim value or a number in the script's globals. */
    private void importNames(String text) {
        org.graalvm.polyglot.Value bindings = context.getBindings(language.id());
        Set<String> words = new LinkedHashSet<>();
        Matcher m = WORD.matcher(text);
        while (m.find()) {
            words.add(m.group());
        }
        for (String w : words) {
            if (registry().builtin(w).isPresent() || registry().constant(w).isPresent()) {
                continue;
            }
            org.graalvm.polyglot.Value v;
            try {
                v = bindings.getMember(w);
            } catch (RuntimeException e) {
                continue;
            }
            if (v == null || v.isNull() || v.canExecute() && !v.isProxyObject()) {
                continue;
            }
            if (v.isProxyObject() && v.asProxyObject() instanceof Wrapped wrapped) {
                label(w, wrapped.value());
                interpreter.globals().define(w, wrapped.value());
            } else if (v.isNumber() && v.fitsInLong() || v.isBoolean() || v.isString()) {
                interpreter.globals().define(w, conversions.toValue(v));
            }
        }
    }

    /**
     * {@code dmasim.reset(arch)}: a fresh machine for the next case of a sweep. The old machine
     * ends as a run ends (pending mappings are leaks); its tally counts toward the run's verdict.
     */
    void reset(String arch) {
        Interpreter old = interpreter;
        old.scheduler().finishing();
        old.kernel().finish(Site.NONE);
        old.drainReports();
        carried = add(carried, old.summary());
        interpreter = new Interpreter(new Kernel(), listener, old.budget(), ScenarioRunner::load, archOverride)
                .withoutFileImports().withScheduler(old.scheduler());
        attach.accept(interpreter);
        interpreter.applyArchOverride();
        installPulse();
        named.clear();
        if (arch != null) {
            eval("arch " + arch);
        }
    }

    /** The end of the run: leaks of the last machine, then the summary of every machine. */
    Summary finish() {
        interpreter.scheduler().finishing();
        interpreter.kernel().finish(Site.NONE);
        interpreter.drainReports();
        Summary s = add(carried, interpreter.summary());
        listener.summary(s);
        return s;
    }

    private static Summary add(Summary a, Summary b) {
        return new Summary(a.expectations() + b.expectations(), a.passed() + b.passed(), a.failed() + b.failed(),
                a.errors() + b.errors(), a.warnings() + b.warnings());
    }

    /** What builtins see of the run. */
    CallContext callContext(Site site) {
        return new CallContext() {
            @Override
            public Kernel kernel() {
                return interpreter.kernel();
            }

            @Override
            public Site site() {
                return site;
            }

            @Override
            public void print(String line) {
                interpreter.drainReports();
                interpreter.budget().printed(line.length() + 1L);
                listener().print(line);
            }

            @Override
            public String describe(Value value) {
                return Printer.describe(value);
            }

            @Override
            public String sourceText(String parameter) {
                return null;
            }
        };
    }

    org.dmasim.interpreter.eval.RunListener listener() {
        return listener;
    }

    /** Top-level variable names of the script ({@code const x =}, {@code x =}), for naming objects. */
    static List<String> declaredNames(String text, Language language) {
        Set<String> out = new LinkedHashSet<>();
        Matcher m = declaration(language).matcher(text);
        while (m.find()) {
            out.add(m.group(1));
        }
        return new ArrayList<>(out);
    }

    private static Pattern declaration(Language language) {
        return language == Language.JS
                ? Pattern.compile("\\b(?:const|let|var)\\s+([A-Za-z_$][\\w$]*)\\s*=")
                : Pattern.compile("(?m)^([A-Za-z_]\\w*)\\s*=[^=]");
    }

    /** The line of each name's first declaration in {@code script}. */
    private static Map<String, Integer> declaredLines(SourceFile script, Language language) {
        Map<String, Integer> out = new java.util.HashMap<>();
        Matcher m = declaration(language).matcher(script.text());
        while (m.find()) {
            out.putIfAbsent(m.group(1), script.line(m.start(1)));
        }
        return out;
    }
}
