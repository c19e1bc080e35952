package org.dmasim.fuzz;

import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/** Prints generated code as {@code .dma}: one top-level statement per line, blocks inline. */
final class DmaPrinter {
    private DmaPrinter() {
    }

    static String program(List<Code.S> statements) {
        StringBuilder b = new StringBuilder();
        for (Code.S s : statements) {
            b.append(statement(s)).append('\n');
        }
        return b.toString();
    }

    static String statement(Code.S s) {
        return switch (s) {
            case Code.Let l -> "let " + l.name() + " = " + expr(l.value());
            case Code.Assign a -> a.name() + " = " + expr(a.value());
            case Code.Eval e -> expr(e.expr());
            case Code.Write w -> w.actor() + " writes " + expr(w.target()) + " = " + expr(w.value());
            case Code.Expect e -> "expect " + (e.quantifier() == null ? "" : e.quantifier() + " ") + expr(e.condition());
            case Code.ExpectReport e -> "expect report " + String.join(", ", e.codes()) + " " + block(e.body());
            case Code.For f -> "for " + f.variable() + " in " + expr(f.from()) + ".." + expr(f.to()) + " " + block(f.body());
            case Code.ForEach f -> "for " + f.variable() + " in " + expr(f.list()) + " " + block(f.body());
            case Code.While w -> "while " + expr(w.condition()) + " " + block(w.body());
            case Code.If i -> "if " + expr(i.condition()) + " " + block(i.then())
                    + (i.otherwise().isEmpty() ? "" : " else " + block(i.otherwise()));
            case Code.Fn f -> "fn " + f.name() + "(" + String.join(", ", f.params()) + ") " + block(f.body());
            case Code.Return r -> r.value() == null ? "return" : "return " + expr(r.value());
            case Code.Arch a -> "arch " + a.name();
            case Code.Machine m -> "machine " + properties(m.properties());
            case Code.Device d -> "device " + d.name() + (d.preset() == null ? "" : ": " + d.preset())
                    + " " + properties(d.properties());
            case Code.Import i -> "import " + quote(i.path());
            case Code.Line l -> l.statements().stream().map(DmaPrinter::statement).collect(Collectors.joining("; "));
            case Code.Raw r -> r.text();
        };
    }

    private static String block(List<Code.S> body) {
        if (body.isEmpty()) {
            return "{ }";
        }
        return "{ " + body.stream().map(DmaPrinter::statement).collect(Collectors.joining("; ")) + " }";
    }

    private static String properties(Map<String, Code.E> p) {
        return "{ " + p.entrySet().stream().map(e -> e.getKey() + ": " + expr(e.getValue()))
                .collect(Collectors.joining(", ")) + " }";
    }

    static String expr(Code.E e) {
        return switch (e) {
            case Code.Int i -> Numbers.literal(i.value(), i.style());
            case Code.Text t -> quote(t.value());
            case Code.Bool b -> Boolean.toString(b.value());
            case Code.Null n -> "null";
            case Code.Name n -> n.name();
            case Code.Const c -> c.name();
            case Code.Field f -> operand(f.target()) + "." + f.field();
            case Code.Slice s -> operand(s.target()) + "[" + expr(s.lo()) + ".." + expr(s.hi()) + "]";
            case Code.Call c -> c.builtin() + "(" + arguments(c.args(), c.keywords()) + ")";
            case Code.UserCall c -> c.function() + "(" + arguments(c.args(), Map.of()) + ")";
            case Code.ListOf l -> "[" + l.items().stream().map(DmaPrinter::expr).collect(Collectors.joining(", ")) + "]";
            case Code.Rec r -> properties(r.fields());
            case Code.Binary b -> operand(b.left()) + " " + b.op() + " " + operand(b.right());
            case Code.Not n -> "not " + operand(n.operand());
            case Code.Read r -> r.actor() + " reads " + expr(r.target());
        };
    }

    /** Parenthesised where precedence could bite. */
    private static String operand(Code.E e) {
        return e instanceof Code.Binary || e instanceof Code.Not || e instanceof Code.Read
                || e instanceof Code.Int i && i.value() < 0 && i.value() > -1_000_000 ? "(" + expr(e) + ")" : expr(e);
    }

    private static String arguments(List<Code.E> args, Map<String, Code.E> keywords) {
        String positional = args.stream().map(DmaPrinter::expr).collect(Collectors.joining(", "));
        String named = keywords.entrySet().stream().map(k -> k.getKey() + ": " + expr(k.getValue()))
                .collect(Collectors.joining(", "));
        return positional.isEmpty() ? named : named.isEmpty() ? positional : positional + ", " + named;
    }

    static String quote(String s) {
        return '"' + s.replace("\\", "\\\\").replace("\"", "\\\"").replace("\n", "\\n") + '"';
    }
}
