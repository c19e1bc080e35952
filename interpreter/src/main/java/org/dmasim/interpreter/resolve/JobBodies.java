package org.dmasim.interpreter.resolve;

import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Consumer;
import org.dmasim.interpreter.ast.Argument;
import org.dmasim.interpreter.ast.Expr;
import org.dmasim.interpreter.ast.Span;
import org.dmasim.interpreter.ast.Statement;
import org.dmasim.interpreter.diag.Diagnostic;

/**
 * What a job body may hold (docs/concurrency.md): a device's firmware path, straight-line device
 * statements of the job's own device: writes, reads, {@code let r = DEV reads ...}, {@code if} /
 * {@code else} and {@code expect} on device reads, {@code wait until}. No loops, no functions,
 * no CPU statements, no kernel calls. A job's targets are fixed when it starts, so they may not
 * use what the job itself reads.
 */
final class JobBodies {
    /** Builtins a job may call: they compute values and touch no machine. */
    static final Set<String> VALUE_BUILTINS = Set.of("u32", "u64", "pattern", "DMA_BIT_MASK");

    private final String device;
    private final Consumer<Diagnostic> report;
    /** Names the job's own lets bind (its reads' values). */
    private final Set<String> locals = new HashSet<>();

    private JobBodies(String device, Consumer<Diagnostic> report) {
        this.device = device;
        this.report = report;
    }

    /** Reports every statement and expression of {@code job} that a job may not hold. */
    static void check(Expr.Async job, Consumer<Diagnostic> report) {
        new JobBodies(job.device().name(), report).statements(job.body().statements());
    }

    private void statements(List<Statement> list) {
        for (Statement s : list) {
            statement(s);
        }
    }

    private void statement(Statement s) {
        switch (s) {
            case Statement.Write w -> {
                actor(w.actor().name(), w.actor().span(), true);
                target(w.target());
                expr(w.value());
            }
            case Statement.ExprStatement e -> {
                if (e.expr() instanceof Expr.Read r) {
                    expr(r);
                } else {
                    refuse(e.span(), "a job holds device statements, not expressions",
                            "read or write memory as " + device + "; compute values on the CPU");
                }
            }
            case Statement.Let l -> {
                expr(l.value());
                locals.add(l.name());
            }
            case Statement.If i -> {
                expr(i.condition());
                statements(i.then().statements());
                if (i.orElse() != null) {
                    statement(i.orElse());
                }
            }
            case Statement.Block b -> statements(b.statements());
            case Statement.Expect e -> expr(e.condition());
            case Statement.WaitUntil w -> expr(w.condition());
            case Statement.For f -> refuse(f.span(), "a job has no loops: it is a device's firmware path, not a script",
                    "start one job per iteration from a CPU loop: for i in 0..n { async " + device + " { ... } }");
            case Statement.While w -> refuse(w.span(), "a job has no loops: it is a device's firmware path, not a script",
                    "to poll, write: wait until " + device + " reads ... == value");
            case Statement.FnDecl f -> refuse(f.span(), "a job cannot declare functions", "declare it before the job");
            case Statement.Return r -> refuse(r.span(), "a job cannot return", null);
            case Statement.Assign a -> refuse(a.span(), "a job cannot assign the CPU's variable '" + a.name() + "'",
                    "bind the job's own value with let; the CPU sees it as j." + a.name() + " after wait j");
            case Statement.Wait w -> refuse(w.span(), "a job cannot wait for another job",
                    "make it depend on the other job: async " + device + " after other.fence { ... }");
            case Statement.ExpectReport e -> refuse(e.span(), "a job cannot hold an expect report block",
                    "put the block around the CPU's wait: expect report CODE { wait j }");
            case Statement.ExpectClean e -> refuse(e.span(), "expect clean belongs to the CPU", "write it after wait j");
            case Statement.ArchDecl d -> declaration(d.span());
            case Statement.MachineDecl d -> declaration(d.span());
            case Statement.DeviceDecl d -> declaration(d.span());
            case Statement.PresetDecl d -> declaration(d.span());
            case Statement.ProfileDecl d -> declaration(d.span());
            case Statement.Import i -> declaration(i.span());
        }
    }

    private void declaration(Span span) {
        refuse(span, "a job cannot declare anything", "declare it before the job");
    }

    /** An accessed range: fixed when the job starts, so none of the job's own values in it. */
    private void target(Expr e) {
        expr(e);
        names(e, (name, span) -> refuse(span, "a job's targets are fixed when it starts: '" + name
                + "' is read by the job itself", "address memory with values the CPU knows when it starts the job"));
    }

    private void expr(Expr e) {
        switch (e) {
            case Expr.Read r -> {
                actor(r.actor().name(), r.actor().span(), false);
                target(r.target());
            }
            case Expr.Call c -> {
                if (!(c.callee() instanceof Expr.Name n) || !VALUE_BUILTINS.contains(n.name())) {
                    String name = c.callee() instanceof Expr.Name n ? n.name() : "a function";
                    refuse(c.span(), "a job cannot call " + name + ": it holds device statements only",
                            "call it on the CPU before async or after wait j");
                }
                c.arguments().forEach(a -> expr(a.value()));
            }
            case Expr.Async a -> refuse(a.span(), "a job cannot start another job", "start both from the CPU");
            case Expr.FieldAccess f -> expr(f.target());
            case Expr.Slice s -> {
                expr(s.target());
                expr(s.lo());
                if (s.hi() != null) {
                    expr(s.hi());
                }
            }
            case Expr.Unary u -> expr(u.operand());
            case Expr.Binary b -> {
                expr(b.left());
                expr(b.right());
            }
            case Expr.ListLiteral l -> l.items().forEach(this::expr);
            case Expr.RecordLiteral r -> r.fields().forEach(f -> expr(f.value()));
            case Expr.Name n -> {
            }
            case Expr.IntLiteral i -> {
            }
            case Expr.StringLiteral s -> {
            }
            case Expr.BoolLiteral b -> {
            }
            case Expr.NullLiteral n -> {
            }
        }
    }

    private void actor(String name, Span span, boolean write) {
        if (name.equals(device)) {
            return;
        }
        String verb = write ? "write" : "read";
        if (name.equals("cpu")) {
            refuse(span, "the CPU cannot " + verb + " inside " + device + "'s job",
                    "put CPU accesses before async or after wait j");
        } else {
            refuse(span, device + "'s job cannot " + verb + " as " + name,
                    "start a job of " + name + " for that: async " + name + " { ... }");
        }
    }

    private interface NameSink {
        void found(String name, Span span);
    }

    /** Every job-local name {@code e} mentions. */
    private void names(Expr e, NameSink sink) {
        switch (e) {
            case Expr.Name n -> {
                if (locals.contains(n.name())) {
                    sink.found(n.name(), n.span());
                }
            }
            case Expr.FieldAccess f -> names(f.target(), sink);
            case Expr.Slice s -> {
                names(s.target(), sink);
                names(s.lo(), sink);
                if (s.hi() != null) {
                    names(s.hi(), sink);
                }
            }
            case Expr.Unary u -> names(u.operand(), sink);
            case Expr.Binary b -> {
                names(b.left(), sink);
                names(b.right(), sink);
            }
            case Expr.Call c -> {
                for (Argument a : c.arguments()) {
                    names(a.value(), sink);
                }
            }
            default -> {
            }
        }
    }

    private void refuse(Span span, String message, String help) {
        report.accept(Diagnostic.error(null, message, span).withHelp(help));
    }
}
