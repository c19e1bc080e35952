package org.dmasim.interpreter.eval;

import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.dmasim.engine.Kernel;
import org.dmasim.engine.check.Report;
import org.dmasim.engine.check.Severity;
import org.dmasim.engine.machine.ArchProfile;
import org.dmasim.interpreter.ast.Program;
import org.dmasim.interpreter.builtins.BuiltinRegistry;
import org.dmasim.interpreter.diag.SourceFile;

/**
 * One run's state: the machine, the global scope, declared profiles and presets, the tally of
 * expectations and reports. Scripts, imports and REPL entries all execute against one instance.
 */
public final class Interpreter {
    /** Parses a file; syntax errors come out as a {@link SyntaxFailure}. */
    @FunctionalInterface
    public interface Loader {
        Program load(SourceFile file);
    }

    private final Kernel kernel;
    private final BuiltinRegistry registry = BuiltinRegistry.standard();
    private final Environment globals = new Environment(null);
    private RunListener listener;
    private final Budget budget;
    private final Loader loader;
    private final String archOverride;
    private final Map<String, ArchProfile> profiles = new HashMap<>();
    private final Map<String, Map<String, Value>> presets = new HashMap<>();
    private final Set<Path> imported = new HashSet<>();
    /**
     * The engine objects a binding already named. Weak: a mapping bound in every round of a loop
     * must not outlive its round here (the labelled engine objects keep identity equality, so a
     * WeakHashMap is an identity set for them).
     */
    private final Set<Object> named = java.util.Collections.newSetFromMap(new java.util.WeakHashMap<>());
    /** See {@link #bindingLabel}: as many as the scripts have names. */
    private final Map<String, String> bindingLabels = new HashMap<>();
    private final Map<String, Value> registryValues = new HashMap<>();
    /** Per call site (by identity: equal calls at two places are two sites). */
    private final Map<org.dmasim.interpreter.ast.Expr.Call, Calls.Plan> callPlans = new java.util.IdentityHashMap<>();
    /** Per file run (by identity): where its names live. */
    private final Map<SourceFile, Slots> slots = new java.util.IdentityHashMap<>();
    private final Deque<ExpectFrame> expectStack = new ArrayDeque<>();
    private boolean archSet;
    private Scheduler scheduler = Scheduler.NONE;
    /** Logical reads so far: an explorer names a read to restrict by its number. */
    private int reads;
    /** Assignments so far: a loop iteration without any changed nothing of the CPU's own. */
    private long assignments;
    /** The job whose step is running, or null while the CPU runs. */
    private JobRun runningJob;
    private final Map<String, Integer> jobsPerSite = new HashMap<>();
    /** See {@link #iterations()}. */
    private List<Long> iterations = List.of();
    private int reportsSeen;
    private int expectations;
    private int passed;
    private int errors;
    private int warnings;
    private int callDepth;
    private boolean fileImports = true;
    /** Statements completed so far, at any depth (see {@link #statementsDone}). */
    private long statementsDone;

    public Interpreter(Kernel kernel, RunListener listener, Budget budget, Loader loader, String archOverride) {
        this.kernel = kernel;
        this.listener = listener;
        this.budget = budget;
        // long engine operations (bulk accesses, allocator searches, sg walks) count against the
        // same step budget and deadline, and see a cancellation, in the middle of one call
        kernel.setPulse(budget::beat);
        this.loader = loader;
        this.archOverride = archOverride;
    }

    /** Runs a whole program (a script, or one REPL entry) from {@code directory}. */
    public void execute(Program program, SourceFile file, Path directory, boolean foreign) {
        slots.put(file, Slots.of(program.statements()));
        new Evaluator(this, file, directory, foreign).executeTop(program.statements(), globals);
    }

    /** Evaluates one expression in the global scope, outside any entry (the REPL's echo and {@code :cache}). */
    public Value evaluate(org.dmasim.interpreter.ast.Expr expression, SourceFile file, Path directory) {
        return new Evaluator(this, file, directory, false).expressions.evaluate(expression, globals);
    }

    /** The same run, showing its events to {@code to} from now on (a session rebuilt by a silent replay). */
    public Interpreter withListener(RunListener to) {
        this.listener = to;
        return this;
    }

    /** Applies {@code --arch} before a script runs (its own {@code arch} statements are then ignored). */
    public void applyArchOverride() {
        Declarations.applyOverride(this);
    }

    /** The end of a run: remaining job steps run, pending mappings become leaks; then the tally. */
    public Summary finish() {
        scheduler.finishing();
        kernel.finish(org.dmasim.engine.Site.NONE);
        drainReports();
        Summary s = summary();
        listener.summary(s);
        return s;
    }

    /**
     * Statements completed so far, at any depth: a REPL entry that failed before completing one
     * (and before any kernel call returned) changed nothing a replay would have to undo.
     */
    public long statementsDone() {
        return statementsDone;
    }

    void statementDone() {
        statementsDone++;
    }

    public Summary summary() {
        return new Summary(expectations, passed, expectations - passed, errors, warnings);
    }

    // ---- concurrency (docs/concurrency.md): the scheduler decides where jobs interleave

    /** Runs this interpreter's CPU and jobs under {@code s} (an explorer's execution). */
    public Interpreter withScheduler(Scheduler s) {
        this.scheduler = s;
        return this;
    }

    public Scheduler scheduler() {
        return scheduler;
    }

    /**
     * A logical read may start (a read expression, or a builtin that may return one): its number
     * in the run, which the scheduler may restrict. {@link #closeRead} says whether it happened.
     */
    int openRead() {
        scheduler.openRead(reads);
        return reads;
    }

    void closeRead(int id) {
        scheduler.closeRead(id);
    }

    /** The read opened as {@code id} happened: the next one gets the next number. */
    void consumeRead(int id) {
        reads = id + 1;
        scheduler.readHappened(id);
    }

    /**
     * A CPU event of a front end that runs guest code (a JavaScript or Python call), as the
     * evaluator has it for the same {@code .dma} statement: a scheduling point before it unless
     * {@code pure}, a logical read around it ({@code reads} says whether it did read), and, for a
     * kernel call ({@code call}; not a plain access), what it changed for running jobs after it.
     */
    public <T> T hostEvent(SourceSite site, boolean pure, boolean call, java.util.function.Supplier<T> body,
            java.util.function.Predicate<T> reads) {
        if (!pure) {
            scheduler.beforeCpuEvent(site);
        }
        int id = openRead();
        T result;
        try {
            result = body.get();
        } finally {
            closeRead(id);
        }
        if (reads.test(result)) {
            consumeRead(id);
        }
        if (!pure && call) {
            scheduler.afterCpuCall(site);
        }
        return result;
    }

    /** Whether builtin {@code name} only computes a value or prints (no scheduling point before it). */
    public static boolean isPure(String name) {
        return Calls.PURE.contains(name);
    }

    /**
     * Whether a builtin call that failed with {@code f} is undone ({@link
     * org.dmasim.engine.machine.Machine#atomically}): a script's mistake or a limit is; a scheduler's
     * unwinding, or a call that did its work and then would wait forever, keeps what it did.
     */
    public static boolean undoesFailedCall(RuntimeException f) {
        return !(f instanceof ExplorationSignal)
                && !(f instanceof org.dmasim.interpreter.builtins.CallError e && e.keepsWork());
    }

    void noteAssignment() {
        assignments++;
    }

    /** How many assignments the CPU made so far (a loop iteration without one changed no variable). */
    public long assignments() {
        return assignments;
    }

    /**
     * A job's step runs from now until {@code null}. Its reports count for the CPU's expect-report
     * blocks open meanwhile, as anything that happens while a block runs (a wait inside it).
     */
    public void runningJob(JobRun job) {
        drainReports();
        runningJob = job;
    }

    /** The number of a new job at {@code site} among the jobs started there (1, 2, ...). */
    int nextJobNumber(SourceSite site) {
        return jobsPerSite.merge(site.position(), 1, Integer::sum);
    }

    /** The iteration of each enclosing loop of what runs now (1-based, outermost first; empty outside loops). */
    List<Long> iterations() {
        return iterations;
    }

    void iterations(List<Long> now) {
        iterations = List.copyOf(now);
    }

    /** {@link #iterations(List)} of a list made for it, unmodifiable already (a loop's round): no copy. */
    void iterationsOwned(List<Long> now) {
        iterations = now;
    }

    // ---- state the evaluator shares

    public Kernel kernel() {
        return kernel;
    }

    public BuiltinRegistry registry() {
        return registry;
    }

    public Environment globals() {
        return globals;
    }

    public Budget budget() {
        return budget;
    }

    public RunListener listener() {
        return listener;
    }

    Loader loader() {
        return loader;
    }

    String archOverride() {
        return archOverride;
    }

    boolean archSet() {
        return archSet;
    }

    void markArchSet() {
        archSet = true;
    }

    Map<String, ArchProfile> profiles() {
        return profiles;
    }

    Map<String, Map<String, Value>> presets() {
        return presets;
    }

    /** Whether {@code object} gets its name now: the first binding that holds an engine object names it. */
    boolean firstName(Object object) {
        return named.add(object);
    }

    /**
     * {@link #firstName(Object)} of a buffer or a mapping, whose current label is {@code label}: one a
     * binding named carries a {@link #bindingLabel} (the same String object), so a loop binding a new
     * mapping in every round costs no entry in a weak set.
     */
    boolean firstName(Object object, String label) {
        return (label == null || bindingLabels.get(label) != label) && (named.isEmpty() || !named.contains(object));
    }

    /** The label a binding gives a buffer or a mapping: one String object per name, told apart by identity. */
    String bindingLabel(String name) {
        return bindingLabels.computeIfAbsent(name, n -> new String(n));
    }

    /** The builtin or constant {@code name} stands for when no script binding shadows it, or null. */
    Value registryValue(String name) {
        Value v = registryValues.get(name);
        if (v == null) {
            var builtin = registry.builtin(name);
            var constant = registry.constant(name);
            v = builtin.isPresent() ? new Value.BuiltinFunction(builtin.get())
                    : constant.isPresent() ? constant.get().value() : null;
            if (v != null) {
                registryValues.put(name, v);
            }
        }
        return v;
    }

    /** What a call site resolved at its first call (null before). */
    Calls.Plan callPlan(org.dmasim.interpreter.ast.Expr.Call call) {
        return callPlans.get(call);
    }

    void callPlan(org.dmasim.interpreter.ast.Expr.Call call, Calls.Plan plan) {
        callPlans.put(call, plan);
    }

    /** Where the names of {@code file}'s program live ({@link Slots#NONE} for a file not run as a program). */
    Slots slots(SourceFile file) {
        return slots.getOrDefault(file, Slots.NONE);
    }

    /** Whether {@code file} still has to be imported (each library runs once). */
    boolean firstImport(Path file) {
        return imported.add(file);
    }

    /** Imports come from the standard library only, never from files (a sandboxed guest's interpreter). */
    public Interpreter withoutFileImports() {
        fileImports = false;
        return this;
    }

    boolean fileImports() {
        return fileImports;
    }

    /** One more nested script function call; returns the depth now. */
    int enterCall() {
        return ++callDepth;
    }

    void exitCall() {
        callDepth--;
    }

    // ---- expectations and reports

    void expectation(SourceSite site, String source, boolean ok, String detail) {
        expectation(site, source, ok, detail, false);
    }

    /** {@code existential}: the expectation holds over executions when it holds in one ({@code sometimes}). */
    void expectation(SourceSite site, String source, boolean ok, String detail, boolean existential) {
        drainReports();
        if (!ok || listener.showsPassedExpectations()) {
            budget.printed(Budget.EVENT_BYTES);
        }
        expectations++;
        if (ok) {
            passed++;
        }
        listener.expectation(site, source, ok, ok ? null : detail, existential);
    }

    /** Hands every report raised since the last call to the listener, judged against open blocks. */
    public void drainReports() {
        if (kernel.machine().log().size() == reportsSeen) {
            return; // nothing new (the common case, after every statement): no view of the log made
        }
        List<Report> all = kernel.reports();
        for (; reportsSeen < all.size(); reportsSeen++) {
            Report r = all.get(reportsSeen);
            SourceSite expectedBy = null;
            for (ExpectFrame f : expectStack) {
                if (f.codes().contains(r.code().name())) {
                    expectedBy = f.site();
                    break;
                }
            }
            if (expectedBy == null) {
                if (r.severity() == Severity.ERROR) {
                    errors++;
                } else {
                    warnings++;
                }
            }
            budget.noted(r.message().length() + (r.help() == null ? 0 : r.help().length()) + Budget.EVENT_BYTES);
            listener.report(r, expectedBy);
        }
    }

    void openExpectBlock(Set<String> codes, SourceSite site) {
        drainReports();
        expectStack.push(new ExpectFrame(codes, site, kernel.reports().size()));
    }

    /** Closes the innermost block; returns the codes it expected that were not raised. */
    Set<String> closeExpectBlock() {
        drainReports();
        ExpectFrame f = expectStack.pop();
        Set<String> missing = new java.util.LinkedHashSet<>(f.codes());
        List<Report> all = kernel.reports();
        for (int i = f.firstReport(); i < all.size(); i++) {
            missing.remove(all.get(i).code().name());
        }
        return missing;
    }

    /** The codes of the reports raised since {@code first}, for messages. */
    List<String> codesSince(int first) {
        List<Report> all = kernel.reports();
        return all.subList(Math.min(first, all.size()), all.size()).stream().map(r -> r.code().name()).toList();
    }

    /** No unexpected report so far ({@code expect clean}). */
    boolean clean() {
        drainReports();
        return errors == 0 && warnings == 0;
    }

    int reportCount() {
        return kernel.reports().size();
    }
}
