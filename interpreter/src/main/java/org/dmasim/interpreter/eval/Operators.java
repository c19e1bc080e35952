package org.dmasim.interpreter.eval;

import java.util.Arrays;
import org.dmasim.interpreter.ast.Expr;
import org.dmasim.interpreter.builtins.CallError;

/**
 * The meaning of operators. Integers are unsigned 64-bit (addresses and masks); a DMA handle
 * acts as its bus address; {@code ==} between a read and a value is true or false when every outcome
 * agrees, and forks the execution when they do not (docs/concurrency.md).
 */
final class Operators {
    private Operators() {
    }

    static Value unary(Expr.Unary u, Value v, Evaluator ev) {
        return switch (u.op()) {
            case NOT -> Value.Bool.of(!truthy(v, u.operand(), ev));
            case NEGATE -> new Value.Int(-integer(v, u.operand(), ev));
            case BIT_NOT -> new Value.Int(~integer(v, u.operand(), ev));
        };
    }

    /**
     * The longest string a script may build. Strings and lists are not emulated memory, so the memory budget
     * does not see them: without a bound, {@code s = s + s} in a loop reaches an OutOfMemoryError in
     * about thirty steps.
     */
    static final int MAX_STRING = 16 << 20;

    /** The most items a list a script builds may have ({@code xs = xs + xs} doubles it as fast). */
    static final int MAX_LIST = 1 << 20;

    private static Value concat(Value.Str l, Value.Str r, Expr.Binary b, Evaluator ev) {
        long length = (long) l.value().length() + r.value().length();
        if (length > MAX_STRING) {
            throw ev.error("this string would be " + length + " characters long: more than " + (MAX_STRING >> 20)
                    + " Mi characters (the string limit)", b.span(), "print the pieces instead of joining them");
        }
        return new Value.Str(l.value() + r.value());
    }

    static Value binary(Expr.Binary b, Value l, Value r, Evaluator ev) {
        return switch (b.op()) {
            case EQ -> Value.Bool.of(equal(l, r, b, ev));
            case NE -> Value.Bool.of(!equal(l, r, b, ev));
            case LT -> Value.Bool.of(compare(l, r, b, ev) < 0);
            case LE -> Value.Bool.of(compare(l, r, b, ev) <= 0);
            case GT -> Value.Bool.of(compare(l, r, b, ev) > 0);
            case GE -> Value.Bool.of(compare(l, r, b, ev) >= 0);
            case ADD -> add(l, r, b, ev);
            case SUB -> new Value.Int(integer(l, b.left(), ev) - integer(r, b.right(), ev));
            case MUL -> new Value.Int(integer(l, b.left(), ev) * integer(r, b.right(), ev));
            case DIV -> new Value.Int(Long.divideUnsigned(integer(l, b.left(), ev), divisor(r, b, ev)));
            case MOD -> new Value.Int(Long.remainderUnsigned(integer(l, b.left(), ev), divisor(r, b, ev)));
            case SHL -> new Value.Int(shift(r, b, ev) >= 64 ? 0 : integer(l, b.left(), ev) << shift(r, b, ev));
            case SHR -> new Value.Int(shift(r, b, ev) >= 64 ? 0 : integer(l, b.left(), ev) >>> shift(r, b, ev));
            case BIT_AND -> new Value.Int(integer(l, b.left(), ev) & integer(r, b.right(), ev));
            case BIT_OR -> new Value.Int(integer(l, b.left(), ev) | integer(r, b.right(), ev));
            case BIT_XOR -> new Value.Int(integer(l, b.left(), ev) ^ integer(r, b.right(), ev));
            case AND -> Value.Bool.of(truthy(l, b.left(), ev) && truthy(r, b.right(), ev));
            case OR -> Value.Bool.of(truthy(l, b.left(), ev) || truthy(r, b.right(), ev));
        };
    }

    /** Integers add; strings and lists concatenate ({@code ring + [slot]}). */
    private static Value add(Value l, Value r, Expr.Binary b, Evaluator ev) {
        if (l instanceof Value.Str ls && r instanceof Value.Str rs) {
            return concat(ls, rs, b, ev);
        }
        if (l instanceof Value.ListValue ll && r instanceof Value.ListValue rl) {
            long n = (long) ll.items().size() + rl.items().size();
            if (n > MAX_LIST) {
                throw ev.error("this list would have " + n + " items: more than " + MAX_LIST + " (the list limit)",
                        b.span(), null);
            }
            java.util.List<Value> items = new java.util.ArrayList<>(ll.items());
            items.addAll(rl.items());
            return new Value.ListValue(items);
        }
        if (l instanceof Value.ListValue || r instanceof Value.ListValue) {
            Expr other = l instanceof Value.ListValue ? b.right() : b.left();
            throw ev.error("a list adds only a list, not " + (l instanceof Value.ListValue ? r : l).typeName(),
                    other.span(), "wrap the item in brackets: xs + [" + ev.text(other.span()) + "]");
        }
        return new Value.Int(integer(l, b.left(), ev) + integer(r, b.right(), ev));
    }

    private static boolean equal(Value l, Value r, Expr.Binary b, Evaluator ev) {
        if (l instanceof Value.Outcomes o) {
            return ReadForks.equalTo(o, bytes(r, o, b.right(), ev));
        }
        if (r instanceof Value.Outcomes o) {
            return ReadForks.equalTo(o, bytes(l, o, b.left(), ev));
        }
        if (numeric(l) && numeric(r)) {
            return integer(l, b.left(), ev) == integer(r, b.right(), ev);
        }
        if (l instanceof Value.Bytes lb && r instanceof Value.Bytes rb) {
            return Arrays.equals(lb.data(), rb.data());
        }
        return l.equals(r);
    }

    private static boolean numeric(Value v) {
        return v instanceof Value.Int || v instanceof Value.Handle;
    }

    private static byte[] bytes(Value v, Value.Outcomes o, Expr at, Evaluator ev) {
        try {
            return Values.toBytes(v, o.result().length(), ev.interpreter.kernel());
        } catch (CallError e) {
            throw ev.error(e.getMessage(), at.span(), e.help());
        }
    }

    private static int compare(Value l, Value r, Expr.Binary b, Evaluator ev) {
        if (l instanceof Value.Str ls && r instanceof Value.Str rs) {
            return ls.value().compareTo(rs.value());
        }
        return Long.compareUnsigned(integer(l, b.left(), ev), integer(r, b.right(), ev));
    }

    private static long divisor(Value r, Expr.Binary b, Evaluator ev) {
        long d = integer(r, b.right(), ev);
        if (d == 0) {
            throw ev.error("division by zero", b.opSpan(), null);
        }
        return d;
    }

    private static long shift(Value r, Expr.Binary b, Evaluator ev) {
        long s = integer(r, b.right(), ev);
        return Long.compareUnsigned(s, 64) >= 0 ? 64 : s;
    }

    static long integer(Value v, Expr at, Evaluator ev) {
        try {
            return Values.toLong(v, null);
        } catch (CallError e) {
            throw ev.error("expected an integer here, not " + v.typeName(), at.span(), e.help());
        }
    }

    static boolean truthy(Value v, Expr at, Evaluator ev) {
        try {
            return Values.truthy(v, null);
        } catch (CallError e) {
            throw ev.error(e.getMessage(), at.span(), e.help());
        }
    }
}
