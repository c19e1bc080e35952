package org.dmasim.fuzz;

import java.util.List;
import java.util.Map;

/**
 * A tiny model of generated code: what a generated program says, printed either as {@code .dma}
 * ({@link DmaPrinter}) or as the same program driving {@code dmasim} from JavaScript
 * ({@link JsPrinter}). Each top-level statement prints on one line in both, so positions line up.
 */
final class Code {
    private Code() {
    }

    /** An expression. */
    sealed interface E {
    }

    /** An integer literal, printed in one of several spellings ({@link Numbers#literal}). */
    record Int(long value, int style) implements E {
    }

    record Text(String value) implements E {
    }

    record Bool(boolean value) implements E {
    }

    record Null() implements E {
    }

    /** A variable, device or function of the script. */
    record Name(String name) implements E {
    }

    /** A constant of the registry ({@code DMA_TO_DEVICE}). */
    record Const(String name) implements E {
    }

    record Field(E target, String field) implements E {
    }

    /** {@code x[lo..hi]}; only inside reads and writes in JavaScript. */
    record Slice(E target, E lo, E hi) implements E {
    }

    /** A builtin call; {@code keywords} are trailing {@code name: value} arguments. */
    record Call(String builtin, List<E> args, Map<String, E> keywords) implements E {
        Call(String builtin, E... args) {
            this(builtin, List.of(args), Map.of());
        }
    }

    /** A call of a script function. */
    record UserCall(String function, List<E> args) implements E {
    }

    record ListOf(List<E> items) implements E {
    }

    record Rec(Map<String, E> fields) implements E {
    }

    record Binary(String op, E left, E right) implements E {
    }

    record Not(E operand) implements E {
    }

    /** {@code ACTOR reads TARGET} (actor "cpu" or a device name). */
    record Read(String actor, E target) implements E {
    }

    /** A statement. */
    sealed interface S {
    }

    record Let(String name, E value) implements S {
    }

    record Assign(String name, E value) implements S {
    }

    record Eval(E expr) implements S {
    }

    record Write(String actor, E target, E value) implements S {
    }

    /** {@code expect [quantifier] cond}; quantifier null, "sometimes", "never" or "always". */
    record Expect(String quantifier, E condition) implements S {
    }

    record ExpectReport(List<String> codes, List<S> body) implements S {
    }

    record For(String variable, E from, E to, List<S> body) implements S {
    }

    record ForEach(String variable, E list, List<S> body) implements S {
    }

    record While(E condition, List<S> body) implements S {
    }

    record If(E condition, List<S> then, List<S> otherwise) implements S {
    }

    record Fn(String name, List<String> params, List<S> body) implements S {
    }

    record Return(E value) implements S {
    }

    record Arch(String name) implements S {
    }

    record Machine(Map<String, E> properties) implements S {
    }

    record Device(String name, String preset, Map<String, E> properties) implements S {
    }

    record Import(String path) implements S {
    }

    /** Several statements on one line ({@code a; b}). */
    record Line(List<S> statements) implements S {
    }

    /** Raw {@code .dma} text that has no JavaScript form. */
    record Raw(String text) implements S {
    }
}
