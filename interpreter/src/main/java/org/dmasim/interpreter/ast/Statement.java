package org.dmasim.interpreter.ast;

import java.util.List;

/** The statements of docs/language.md. */
public sealed interface Statement extends Node {

    /** {@code arch NAME}. */
    record ArchDecl(String name, Span nameSpan, Span span) implements Statement {
    }

    /** {@code machine { ram: 8GiB, swiotlb: 64MiB }}. */
    record MachineDecl(List<Field> fields, Span span) implements Statement {
        public MachineDecl {
            fields = List.copyOf(fields);
        }
    }

    /** {@code device NAME[: PRESET] { ... }}; {@code preset} is null when none is named. */
    record DeviceDecl(String name, String preset, Span presetSpan, List<Field> fields, Span span)
            implements Statement {
        public DeviceDecl {
            fields = List.copyOf(fields);
        }
    }

    /** {@code preset NAME[: BASE] { ... }}: device defaults. */
    record PresetDecl(String name, String base, Span baseSpan, List<Field> fields, Span span)
            implements Statement {
        public PresetDecl {
            fields = List.copyOf(fields);
        }
    }

    /** {@code profile NAME { ... }}: an arch profile (docs/semantics.md, "Arch profiles"). */
    record ProfileDecl(String name, List<Field> fields, Span span) implements Statement {
        public ProfileDecl {
            fields = List.copyOf(fields);
        }
    }

    /** {@code import "path.dma"}. */
    record Import(String path, Span span) implements Statement {
    }

    /** {@code let NAME = value}. */
    record Let(String name, Span nameSpan, Expr value, Span span) implements Statement {
    }

    /** {@code NAME = value}. */
    record Assign(String name, Span nameSpan, Expr value, Span span) implements Statement {
    }

    /** {@code fn NAME(a, b) { ... }}. */
    record FnDecl(String name, List<String> params, Block body, Span span) implements Statement {
        public FnDecl {
            params = List.copyOf(params);
        }
    }

    /** {@code return [value]}; {@code value} may be null. */
    record Return(Expr value, Span span) implements Statement {
    }

    /** {@code if cond { ... } [else ...]}; {@code orElse} is a Block, another If, or null. */
    record If(Expr condition, Block then, Statement orElse, Span span) implements Statement {
    }

    /** {@code { statements }}. */
    record Block(List<Statement> statements, Span span) implements Statement {
        public Block {
            statements = List.copyOf(statements);
        }
    }

    /** {@code for v in source { ... }} or {@code for v in source..end { ... }} ({@code end} null for a list). */
    record For(String variable, Expr source, Expr end, Block body, Span span) implements Statement {
    }

    /** {@code while cond { ... }}. */
    record While(Expr condition, Block body, Span span) implements Statement {
    }

    /** {@code expect [always|sometimes|never] cond}. */
    record Expect(Quantifier quantifier, Expr condition, Span span) implements Statement {
    }

    /**
     * {@code expect report CODE, CODE { ... }}, or with {@code never}: {@code expect never report
     * CODE { ... }} holds when the block raises none of the codes.
     */
    record ExpectReport(boolean never, List<String> codes, List<Span> codeSpans, Block body, Span span)
            implements Statement {
        public ExpectReport {
            codes = List.copyOf(codes);
            codeSpans = List.copyOf(codeSpans);
        }
    }

    /** {@code expect clean}: no report so far outside expect-report blocks. */
    record ExpectClean(Span span) implements Statement {
    }

    /** {@code ACTOR writes target = value}. */
    record Write(Actor actor, Expr target, Expr value, Span span) implements Statement {
    }

    /** {@code wait j}: the CPU waits for a job's completion (its completion interrupt). */
    record Wait(Expr job, Span span) implements Statement {
    }

    /** {@code wait until cond}: the agent waits until the condition holds (a poll). */
    record WaitUntil(Expr condition, Span span) implements Statement {
    }

    /** An expression used as a statement (a call, a read that prints its outcomes). */
    record ExprStatement(Expr expr, Span span) implements Statement {
    }
}
