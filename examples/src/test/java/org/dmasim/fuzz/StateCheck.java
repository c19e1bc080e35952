package org.dmasim.fuzz;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.dmasim.engine.Kernel;
import org.dmasim.engine.dma.StreamingMapping;
import org.dmasim.engine.machine.Device;
import org.dmasim.engine.machine.Machine;
import org.dmasim.interpreter.ScenarioRunner;
import org.dmasim.interpreter.Session;
import org.dmasim.interpreter.ast.Argument;
import org.dmasim.interpreter.ast.Expr;
import org.dmasim.interpreter.ast.Program;
import org.dmasim.interpreter.ast.Statement;
import org.dmasim.interpreter.diag.SourceFile;
import org.dmasim.interpreter.eval.Budget;
import org.dmasim.interpreter.eval.Interpreter;
import org.dmasim.interpreter.eval.ScriptError;
import org.dmasim.interpreter.eval.SilentListener;
import org.dmasim.interpreter.eval.SyntaxFailure;
import org.dmasim.interpreter.resolve.Resolver;
import org.dmasim.repl.StateView;

/**
 * A failing statement leaves the machine as it was. Two ways: the program's top-level statements
 * go one by one into a REPL {@link Session}, and after each entry that fails its {@code :state}
 * must equal the one before; and the same entries run on one interpreter without the session's
 * replay, where an entry that fails in its one engine call (check, then act) must leave the
 * machine's fingerprint (memory budget, reports, mappings, swiotlb, dma-debug, cache, allocator) as it was.
 */
final class StateCheck {
    static final ScenarioRunner.Options OPTIONS = new ScenarioRunner.Options(null, Duration.ofSeconds(2), 2_000_000, false);
    /** Builtins that compute values and touch no machine. */
    private static final Set<String> PURE = Set.of("u32", "u64", "pattern", "DMA_BIT_MASK", "print", "reports");

    private StateCheck() {
    }

    static Finding check(String program, Stats stats) {
        List<String> entries = entries(program);
        if (entries == null) {
            return null;
        }
        Session session = new Session(OPTIONS, new SilentListener(), Oracle.WORK);
        for (String entry : entries) {
            String before = StateView.of(session) + fingerprint(session.kernel());
            Session.Result r;
            try {
                r = session.eval(entry);
            } catch (RuntimeException | StackOverflowError | OutOfMemoryError e) {
                return new Finding("repl-throws", entry + "\n" + e, program);
            }
            synchronized (stats) {
                stats.stateEntries++;
            }
            if (r.ok()) {
                continue;
            }
            synchronized (stats) {
                stats.stateFailures++;
            }
            if (r.error().contains("internal error")) {
                return new Finding("repl-internal-error", entry + "\n" + r.error(), program);
            }
            String after = StateView.of(session) + fingerprint(session.kernel());
            if (!before.equals(after)) {
                return new Finding("repl-state-changed", entry + "\n" + r.error() + "before:\n" + before + "after:\n" + after,
                        program);
            }
        }
        return engineLevel(program, entries);
    }

    /** The same entries on one interpreter, no replay: a failed single-effect entry must change nothing. */
    private static Finding engineLevel(String program, List<String> entries) {
        Interpreter in = new Interpreter(new Kernel(), new SilentListener(),
                new Budget(OPTIONS.stepBudget(), OPTIONS.timeout()), ScenarioRunner::load, null);
        in.applyArchOverride();
        for (String entry : entries) {
            SourceFile source = new SourceFile("<entry>", entry);
            Program p;
            try {
                p = ScenarioRunner.load(source);
            } catch (SyntaxFailure f) {
                continue;
            }
            if (!new Resolver(new HashSet<>(in.globals().visibleNames())).resolve(p.statements()).isEmpty()) {
                continue;
            }
            // the fingerprint's allocator walk beats the pulse: not against the last entry's deadline
            // (a loop that ran out of time made the next fingerprint throw; campaign seed 2026120804)
            in.budget().restartUntimed();
            String before = fingerprint(in.kernel());
            in.budget().restart();
            try {
                in.execute(p, source, Oracle.WORK, false);
            } catch (ScriptError e) {
                // a limit stops a statement in the middle, by design (the REPL replays):
                // print(iosys_map_rd(b, 0, 2)) read b, then its print passed 64 MiB of output
                // (campaign seed 2026120423, "failed-call-changed-machine"); a TTM buffer moved out
                // of VRAM, then the importer's map ran out of memory budget. So does a call that did
                // its work and then would wait forever (drm_gem_prime_import maps, then waits)
                if (e.limit() == null && !e.getMessage().contains(" would wait forever: ")
                        && singleEffect(p.statements())) {
                    in.budget().restartUntimed();
                    String after = fingerprint(in.kernel());
                    if (!before.equals(after)) {
                        return new Finding("failed-call-changed-machine", entry + "\nerror: " + e.getMessage()
                                + "\nbefore: " + before + "\nafter:  " + after, program);
                    }
                }
            } catch (SyntaxFailure e) {
                continue;
            } catch (RuntimeException | StackOverflowError | OutOfMemoryError e) {
                return new Finding("entry-throws", entry + "\n" + e, program);
            }
        }
        return null;
    }

    /** The top-level statements as entries, or null when the program does not parse. */
    static List<String> entries(String program) {
        SourceFile source = new SourceFile(Oracle.NAME, program);
        Program p;
        try {
            p = ScenarioRunner.load(source);
        } catch (SyntaxFailure f) {
            return null;
        }
        List<String> out = new ArrayList<>();
        for (Statement s : p.statements()) {
            out.add(program.substring(s.span().start(), Math.min(s.span().end(), program.length())));
        }
        return out;
    }

    /** What the machine holds, as far as a failed call could have changed it. */
    static String fingerprint(Kernel k) {
        Machine m = k.machine();
        StringBuilder b = new StringBuilder();
        b.append("budget=").append(m.budget().used()).append(" reports=").append(k.reports().size())
                .append(" debug=").append(m.debug().entries().size()).append(" dirty=").append(m.cache().dirtyLines())
                .append(" swiotlb=").append(m.pool() == null ? -1 : m.pool().usedSlots())
                .append(" top=").append(m.allocator().peekHighest(1, Long.MAX_VALUE))
                .append(" top512=").append(m.allocator().peekHighest(512, Long.MAX_VALUE))
                .append(" mappings=").append(m.mappings().size());
        for (StreamingMapping sm : m.mappings()) {
            b.append(' ').append(sm.label()).append(sm.released() ? "/released" : "").append(sm.failed() ? "/failed" : "")
                    .append(sm.deviceOwns() ? "/device" : "/cpu");
        }
        for (Device d : m.devices()) {
            b.append(" dev ").append(d.name()).append(' ').append(d.dmaMask()).append('/').append(d.coherentDmaMask());
        }
        return b.append('\n').toString();
    }

    /** One statement whose only effect on the machine is one builtin call, read or write. */
    static boolean singleEffect(List<Statement> statements) {
        if (statements.size() != 1) {
            return false;
        }
        int[] effects = {0};
        boolean simple = switch (statements.get(0)) {
            case Statement.ExprStatement s -> pure(s.expr(), effects);
            case Statement.Let l -> pure(l.value(), effects);
            case Statement.Write w -> pure(w.target(), effects) && pure(w.value(), effects) && ++effects[0] > 0;
            default -> false;
        };
        return simple && effects[0] == 1;
    }

    /** Counts the effects in {@code e}; false when it calls a script function (whose effects are many). */
    private static boolean pure(Expr e, int[] effects) {
        return switch (e) {
            case Expr.Call c -> {
                if (!(c.callee() instanceof Expr.Name n)
                        || org.dmasim.interpreter.builtins.BuiltinRegistry.standard().builtin(n.name()).isEmpty()) {
                    yield false; // a script function: many effects
                }
                if (!PURE.contains(n.name())) {
                    effects[0]++;
                }
                boolean all = true;
                for (Argument a : c.arguments()) {
                    all &= pure(a.value(), effects);
                }
                yield all;
            }
            case Expr.Read r -> {
                effects[0]++;
                yield pure(r.target(), effects);
            }
            case Expr.FieldAccess f -> pure(f.target(), effects);
            case Expr.Slice s -> pure(s.target(), effects) && pure(s.lo(), effects) && (s.hi() == null || pure(s.hi(), effects));
            case Expr.Unary u -> pure(u.operand(), effects);
            case Expr.Binary b -> pure(b.left(), effects) && pure(b.right(), effects);
            case Expr.ListLiteral l -> l.items().stream().allMatch(i -> pure(i, effects));
            case Expr.RecordLiteral r -> false;
            default -> true;
        };
    }
}
