package org.dmasim.interpreter.ast;

import java.util.List;

/** The expressions of docs/language.md. */
public sealed interface Expr extends Node {

    /** {@code callee(args)}. */
    record Call(Expr callee, List<Argument> arguments, Span span) implements Expr {
        public Call {
            arguments = List.copyOf(arguments);
        }
    }

    /** {@code target.field}. */
    record FieldAccess(Expr target, String field, Span fieldSpan, Span span) implements Expr {
    }

    /** {@code target[lo..hi]}, or {@code target[lo]} (one byte) when {@code hi} is null. */
    record Slice(Expr target, Expr lo, Expr hi, Span span) implements Expr {
    }

    /** {@code ACTOR reads target}: the outcome set of the read. */
    record Read(Actor actor, Expr target, Span span) implements Expr {
    }

    record Unary(UnaryOp op, Expr operand, Span opSpan, Span span) implements Expr {
    }

    record Binary(BinaryOp op, Expr left, Expr right, Span opSpan, Span span) implements Expr {
    }

    /** An integer literal, size suffix applied; values up to 2^64-1 wrap into a long as unsigned. */
    record IntLiteral(long value, Span span) implements Expr {
    }

    record StringLiteral(String value, Span span) implements Expr {
    }

    record BoolLiteral(boolean value, Span span) implements Expr {
    }

    record NullLiteral(Span span) implements Expr {
    }

    /** A name: a variable, a function, a builtin, a constant, a device. {@code cpu} is a name too. */
    record Name(String name, Span span) implements Expr {
    }

    record ListLiteral(List<Expr> items, Span span) implements Expr {
        public ListLiteral {
            items = List.copyOf(items);
        }
    }

    record RecordLiteral(List<Field> fields, Span span) implements Expr {
        public RecordLiteral {
            fields = List.copyOf(fields);
        }
    }

    /**
     * {@code async DEV [via DOORBELL] [after f, ...] { device statements }}: starts a device job
     * and evaluates to it (docs/concurrency.md). {@code via} is null when not given ({@code viaSpan}
     * too); it is reserved for a later version.
     */
    record Async(Actor device, String via, Span viaSpan, List<Expr> after, Statement.Block body, Span span)
            implements Expr {
        public Async {
            after = List.copyOf(after);
        }
    }
}
