package org.dmasim.lsp;

import java.util.List;
import org.dmasim.interpreter.builtins.Builtin;
import org.dmasim.interpreter.builtins.BuiltinRegistry;
import org.dmasim.interpreter.builtins.Constant;
import org.dmasim.interpreter.builtins.Param;
import org.dmasim.interpreter.docs.Help;
import org.dmasim.interpreter.eval.Printer;
import org.eclipse.lsp4j.Hover;
import org.eclipse.lsp4j.MarkupContent;
import org.eclipse.lsp4j.MarkupKind;

/**
 * The text shown when the pointer rests on a name: a declaration, a builtin's signature and doc, a constant, or
 * what {@code :help} says of a keyword, a property, a report code or an arch profile.
 */
final class Hovers {
    private Hovers() {
    }

    static Hover at(OpenScript script, int offset, BuiltinRegistry registry) {
        OpenScript.Word word = script.wordAt(offset);
        if (word == null) {
            return null;
        }
        List<Declaration> declared = Declarations.of(script.parsed().program().statements(), script.text());
        Declaration own = Declarations.resolve(declared, word.text(), word.span().start());
        String markdown;
        if (own != null) {
            markdown = code(own.summary()) + "\ndeclared at line " + (script.position(own.nameSpan().start()).getLine() + 1);
        } else if (registry.builtin(word.text()).isPresent()) {
            markdown = builtin(registry.builtin(word.text()).get());
        } else if (registry.constant(word.text()).isPresent()) {
            markdown = constant(registry.constant(word.text()).get());
        } else {
            // keywords, device/machine/profile properties, report codes, arch profiles: what :help says
            List<String> help = Help.of(word.text(), registry);
            if (help.isEmpty()) {
                return null;
            }
            markdown = "```text\n" + String.join("\n", help) + "\n```\n";
        }
        return new Hover(new MarkupContent(MarkupKind.MARKDOWN, markdown), script.range(word.span()));
    }

    static String builtin(Builtin b) {
        StringBuilder text = new StringBuilder(code(b.signature())).append('\n').append(b.doc()).append('\n');
        for (Param p : b.params()) {
            text.append("\n- `").append(p.name()).append("`: ").append(p.doc());
        }
        if (!b.params().isEmpty()) {
            text.append('\n');
        }
        return text.append("\nreturns ").append(b.returns()).toString();
    }

    static String constant(Constant c) {
        return code(c.name() + " = " + Printer.describe(c.value())) + "\n" + c.doc();
    }

    private static String code(String text) {
        return "```dma\n" + text + "\n```\n";
    }
}
