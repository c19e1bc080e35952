package org.dmasim.fuzz;

import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Prints generated code as the same program driving {@code dmasim} from JavaScript: builtins as
 * {@code dmasim.NAME(...)}, reads and writes through {@code dmasim.cpu} and device objects. Code
 * without a JavaScript form ({@code expect}, imports, slices outside accesses) is {@link Untranslatable}.
 */
final class JsPrinter {
    /** The program has a statement JavaScript cannot say the same way. */
    static final class Untranslatable extends RuntimeException {
        Untranslatable(String what) {
            super(what, null, false, false);
        }
    }

    private JsPrinter() {
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
            case Code.Let l -> "let " + l.name() + " = " + expr(l.value()) + ";";
            case Code.Assign a -> a.name() + " = " + expr(a.value()) + ";";
            case Code.Eval e -> expr(e.expr()) + ";";
            case Code.Write w -> access(w.actor(), "write", w.target(), w.value()) + ";";
            case Code.For f -> "for (let " + f.variable() + " = " + bound(f.from()) + "; " + f.variable() + " < "
                    + bound(f.to()) + "; " + f.variable() + "++) " + block(f.body());
            case Code.ForEach f -> "for (const " + f.variable() + " of " + expr(f.list()) + ") " + block(f.body());
            case Code.While w -> "while (" + expr(w.condition()) + ") " + block(w.body());
            case Code.If i -> "if (" + expr(i.condition()) + ") " + block(i.then())
                    + (i.otherwise().isEmpty() ? "" : " else " + block(i.otherwise()));
            // a .dma function refuses a call with another number of arguments; JavaScript would not
            case Code.Fn f -> "function " + f.name() + "(" + String.join(", ", f.params()) + ") { if (arguments.length !== "
                    + f.params().size() + ") throw new Error('" + f.name() + " takes " + f.params().size()
                    + " arguments'); " + block(f.body()).substring(2);
            case Code.Return r -> r.value() == null ? "return;" : "return " + expr(r.value()) + ";";
            case Code.Arch a -> "dmasim.arch(" + DmaPrinter.quote(a.name()) + ");";
            case Code.Machine m -> "dmasim.machine(" + properties(m.properties()) + ");";
            case Code.Device d -> "let " + d.name() + " = dmasim.device(" + DmaPrinter.quote(d.name())
                    + (d.preset() == null ? "" : ", " + DmaPrinter.quote(d.preset())) + ", " + properties(d.properties())
                    + ");";
            case Code.Line l -> l.statements().stream().map(JsPrinter::statement).collect(Collectors.joining(" "));
            case Code.Expect e -> throw new Untranslatable("expect");
            case Code.ExpectReport e -> throw new Untranslatable("expect report");
            case Code.Import i -> throw new Untranslatable("import");
            case Code.Raw r -> throw new Untranslatable(r.text());
        };
    }

    /** The comparisons that order integers: unsigned in .dma (see {@link #bound}). */
    private static final java.util.Set<String> ORDERING = java.util.Set.of("<", "<=", ">", ">=");

    /**
     * A loop's bound, or an operand of a comparison: .dma integers are unsigned, so {@code 0..-1} runs 2^64-1 rounds; JavaScript
     * compares a negative number as it is (the fuzzer's js-events finding: a loop of none).
     */
    private static String bound(Code.E e) {
        return e instanceof Code.Int i && i.value() < 0 ? Long.toUnsignedString(i.value()) + "n" : operand(e);
    }

    private static String block(List<Code.S> body) {
        if (body.stream().anyMatch(s -> s instanceof Code.Let)) {
            // dmasim names objects after top-level variables only (a block's own names messages in .dma)
            throw new Untranslatable("let in a block");
        }
        return "{ " + body.stream().map(JsPrinter::statement).collect(Collectors.joining(" ")) + " }";
    }

    /** Device properties: symbols ({@code driver: shmem}) become strings. */
    private static String properties(Map<String, Code.E> p) {
        return "{" + p.entrySet().stream().map(e -> e.getKey() + ": "
                + (e.getValue() instanceof Code.Name n ? DmaPrinter.quote(n.name()) : expr(e.getValue())))
                .collect(Collectors.joining(", ")) + "}";
    }

    private static String access(String actor, String method, Code.E target, Code.E value) {
        String who = actor.equals("cpu") ? "dmasim.cpu" : actor;
        String args = target instanceof Code.Slice s ? expr(s.target()) + ", " + expr(s.lo()) + ", " + expr(s.hi())
                : expr(target);
        return who + "." + method + "(" + args + (value == null ? "" : ", " + expr(value)) + ")";
    }

    static String expr(Code.E e) {
        return switch (e) {
            case Code.Int i -> Numbers.js(i.value());
            case Code.Text t -> DmaPrinter.quote(t.value());
            case Code.Bool b -> Boolean.toString(b.value());
            case Code.Null n -> "null";
            case Code.Name n -> n.name();
            case Code.Const c -> "dmasim." + c.name();
            case Code.Field f -> operand(f.target()) + "." + f.field();
            case Code.Slice s -> throw new Untranslatable("slice outside an access");
            case Code.Call c -> "dmasim." + c.builtin() + "(" + arguments(c.args(), c.keywords()) + ")";
            case Code.UserCall c -> c.function() + "(" + arguments(c.args(), Map.of()) + ")";
            case Code.ListOf l -> "[" + l.items().stream().map(JsPrinter::expr).collect(Collectors.joining(", ")) + "]";
            case Code.Rec r -> "{" + r.fields().entrySet().stream().map(f -> f.getKey() + ": " + expr(f.getValue()))
                    .collect(Collectors.joining(", ")) + "}";
            case Code.Binary b when ORDERING.contains(b.op()) -> bound(b.left()) + " " + b.op() + " " + bound(b.right());
            case Code.Binary b -> operand(b.left()) + " " + op(b.op()) + " " + operand(b.right());
            case Code.Not n -> "!" + operand(n.operand());
            case Code.Read r -> access(r.actor(), "read", r.target(), null);
        };
    }

    private static String op(String dma) {
        return switch (dma) {
            case "and" -> "&&";
            case "or" -> "||";
            default -> dma;
        };
    }

    private static String operand(Code.E e) {
        return e instanceof Code.Binary || e instanceof Code.Not ? "(" + expr(e) + ")" : expr(e);
    }

    private static String arguments(List<Code.E> args, Map<String, Code.E> keywords) {
        String positional = args.stream().map(JsPrinter::expr).collect(Collectors.joining(", "));
        if (keywords.isEmpty()) {
            return positional;
        }
        String named = "{" + keywords.entrySet().stream().map(k -> k.getKey() + ": " + expr(k.getValue()))
                .collect(Collectors.joining(", ")) + "}";
        return positional.isEmpty() ? named : positional + ", " + named;
    }
}
