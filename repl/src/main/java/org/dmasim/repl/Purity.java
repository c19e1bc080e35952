package org.dmasim.repl;

import org.dmasim.interpreter.ast.Expr;
import org.dmasim.interpreter.ast.Field;

/** Whether an expression only looks (no call, no read): such an entry is echoed, not recorded. */
public final class Purity {
    private Purity() {
    }

    /** The text as one expression that only looks ({@code rx[0..256]}), or null when it is not one. */
    public static Expr lookingExpression(org.dmasim.interpreter.diag.SourceFile text) {
        var parsed = new org.dmasim.interpreter.parse.ScriptParser().parse(text);
        if (parsed.hasErrors() || parsed.program().statements().size() != 1
                || !(parsed.program().statements().get(0)
                        instanceof org.dmasim.interpreter.ast.Statement.ExprStatement s)
                || !pure(s.expr())) {
            return null;
        }
        return s.expr();
    }

    public static boolean pure(Expr e) {
        return switch (e) {
            case Expr.Call c -> false;
            case Expr.Read r -> false;
            case Expr.Async a -> false;
            case Expr.FieldAccess f -> pure(f.target());
            case Expr.Slice s -> pure(s.target()) && pure(s.lo()) && (s.hi() == null || pure(s.hi()));
            case Expr.Unary u -> pure(u.operand());
            case Expr.Binary b -> pure(b.left()) && pure(b.right());
            case Expr.IntLiteral i -> true;
            case Expr.StringLiteral s -> true;
            case Expr.BoolLiteral b -> true;
            case Expr.NullLiteral n -> true;
            case Expr.Name n -> true;
            case Expr.ListLiteral l -> l.items().stream().allMatch(Purity::pure);
            case Expr.RecordLiteral r -> r.fields().stream().map(Field::value).allMatch(Purity::pure);
        };
    }
}
