package org.dmasim.api;

import java.time.Duration;
import java.util.Objects;

/**
 * The limits and settings of a {@link Sandbox}. Every limit is the host's choice; the defaults
 * are those of {@code dmasim run}. A builder is not thread-safe; the sandboxes it builds are.
 */
public final class SandboxBuilder {
    String arch;
    Duration timeout = Duration.ofSeconds(30);
    long maxSteps = 50_000_000L;
    long maxExecutions = 100_000L;
    boolean reduction = true;
    long memoryBudget;
    boolean keepEvents = true;
    boolean debug;

    SandboxBuilder() {
    }

    /**
     * Runs every scenario under this arch profile ({@code x86_64}, {@code arm64}, {@code arm64_legacy},
     * {@code arc}, {@code riscv64}, {@code sparc64}), ignoring the scripts' own {@code arch} statements.
     * Null (the default) keeps each script's choice.
     */
    public SandboxBuilder arch(String name) {
        this.arch = name;
        return this;
    }

    /** The wall-clock limit of one evaluation (default 30 s); reaching it ends with {@link Limit#TIMEOUT}. */
    public SandboxBuilder timeout(Duration limit) {
        Objects.requireNonNull(limit, "limit");
        if (limit.isNegative() || limit.isZero()) {
            throw new IllegalArgumentException("a timeout must be positive: " + limit);
        }
        this.timeout = limit;
        return this;
    }

    /**
     * How many statements and expression steps one evaluation may take (default 50,000,000);
     * reaching it ends with {@link Limit#STEPS}. JavaScript counts its own statements against it.
     */
    public SandboxBuilder maxSteps(long steps) {
        if (steps <= 0) {
            throw new IllegalArgumentException("a step budget must be positive: " + steps);
        }
        this.maxSteps = steps;
        return this;
    }

    /**
     * How many executions a run may explore (default 100,000). A run that reaches it completes
     * with {@link Executions#bounded()} set, and claims no {@code expect} or {@code never} verdict
     * for what it did not explore.
     */
    public SandboxBuilder maxExecutions(long executions) {
        if (executions <= 0) {
            throw new IllegalArgumentException("an execution bound must be positive: " + executions);
        }
        this.maxExecutions = executions;
        return this;
    }

    /**
     * Whether exploration uses partial-order reduction (default on): runs of device steps that
     * commute are explored in one order. Off, every interleaving is explored: the same outcomes,
     * verdicts and reports, much slower (for checking and for measuring the reduction).
     */
    public SandboxBuilder partialOrderReduction(boolean on) {
        this.reduction = on;
        return this;
    }

    /**
     * How many real bytes may back the emulated machine's memory (its pages, the cache lines with
     * several possible values, the shadow of program-order values). The machine starts with this
     * budget, and a script's {@code machine { memory_budget }} may lower it but not raise it;
     * going over ends with {@link Limit#MEMORY}. Unset (the default), the machine's own default
     * of 2 GiB applies and a script may raise it.
     */
    public SandboxBuilder memoryBudget(long bytes) {
        if (bytes <= 0) {
            throw new IllegalArgumentException("a memory budget must be positive: " + bytes);
        }
        this.memoryBudget = bytes;
        return this;
    }

    /**
     * Whether each {@link Result} keeps its events (default true). A host that streams a long run
     * through a {@link Listener} can turn this off so the result holds only the outcome and tally.
     */
    public SandboxBuilder keepEvents(boolean keep) {
        this.keepEvents = keep;
        return this;
    }

    /** Whether the error of a bug in dmasim ({@link Status#INTERNAL_ERROR}) carries the Java stack trace. */
    public SandboxBuilder debug(boolean on) {
        this.debug = on;
        return this;
    }

    /** A new sandbox with these settings; the builder can go on to build others. */
    public Sandbox build() {
        return new Sandbox(this);
    }
}
