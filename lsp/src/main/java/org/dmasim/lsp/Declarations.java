package org.dmasim.lsp;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.dmasim.interpreter.ast.Span;
import org.dmasim.interpreter.ast.Statement;

/** The names a script declares with {@code let}, {@code fn} (and its parameters), {@code device} and {@code for}. */
final class Declarations {
    private final String text;
    private final List<Declaration> found = new ArrayList<>();

    private Declarations(String text) {
        this.text = text;
    }

    /** Every declaration of the program, in source order, nested blocks included. */
    static List<Declaration> of(List<Statement> program, String text) {
        Declarations d = new Declarations(text);
        program.forEach(d::visit);
        return List.copyOf(d.found);
    }

    /**
     * The declaration {@code name} at {@code offset} refers to: the last one written before it, else (a function
     * called above its definition) the first one after it; null when the script declares no such name.
     */
    static Declaration resolve(List<Declaration> declarations, String name, int offset) {
        Declaration before = null;
        Declaration after = null;
        for (Declaration d : declarations) {
            if (!d.name().equals(name)) {
                continue;
            }
            if (d.nameSpan().start() <= offset) {
                before = d;
            } else if (after == null) {
                after = d;
            }
        }
        return before != null ? before : after;
    }

    private void visit(Statement statement) {
        switch (statement) {
            case Statement.Let s -> add(Declaration.Kind.LET, s.name(), s.nameSpan(), "let " + s.name());
            case Statement.FnDecl s -> {
                Span name = nameAfter("fn", s.name(), s.span());
                add(Declaration.Kind.FN, s.name(), name, "fn " + s.name() + "(" + String.join(", ", s.params()) + ")");
                int from = name.end();
                for (String p : s.params()) {
                    Span at = word(p, from, s.body().span().start());
                    add(Declaration.Kind.PARAMETER, p, at, "parameter " + p + " of fn " + s.name());
                    from = at.end();
                }
                visit(s.body());
            }
            case Statement.DeviceDecl s -> add(Declaration.Kind.DEVICE, s.name(), nameAfter("device", s.name(), s.span()),
                    "device " + s.name() + (s.preset() == null ? "" : ": " + s.preset()));
            case Statement.For s -> {
                add(Declaration.Kind.LOOP_VARIABLE, s.variable(), nameAfter("for", s.variable(), s.span()),
                        "for " + s.variable());
                visit(s.body());
            }
            case Statement.Block s -> s.statements().forEach(this::visit);
            case Statement.If s -> {
                visit(s.then());
                if (s.orElse() != null) {
                    visit(s.orElse());
                }
            }
            case Statement.While s -> visit(s.body());
            case Statement.ExpectReport s -> visit(s.body());
            case Statement.ArchDecl s -> { }
            case Statement.MachineDecl s -> { }
            case Statement.PresetDecl s -> { }
            case Statement.ProfileDecl s -> { }
            case Statement.Import s -> { }
            case Statement.Assign s -> { }
            case Statement.Return s -> { }
            case Statement.Expect s -> { }
            case Statement.ExpectClean s -> { }
            case Statement.Write s -> { }
            case Statement.ExprStatement s -> { }
            case Statement.Wait s -> { }
            case Statement.WaitUntil s -> { }
        }
    }

    private void add(Declaration.Kind kind, String name, Span span, String summary) {
        found.add(new Declaration(kind, name, span, summary));
    }

    /** The span of {@code name} where {@code keyword name} is written inside {@code within}. */
    private Span nameAfter(String keyword, String name, Span within) {
        Matcher m = Pattern.compile("\\b" + keyword + "\\s+(" + Pattern.quote(name) + ")\\b")
                .matcher(text).region(within.start(), Math.min(within.end(), text.length()));
        return m.find() ? new Span(m.start(1), m.end(1)) : within;
    }

    /** The first whole-word {@code name} in [from, to), or an empty span at {@code from}. */
    private Span word(String name, int from, int to) {
        Matcher m = Pattern.compile("\\b" + Pattern.quote(name) + "\\b").matcher(text)
                .region(Math.min(from, text.length()), Math.min(Math.max(from, to), text.length()));
        return m.find() ? new Span(m.start(), m.end()) : new Span(from, from);
    }
}
