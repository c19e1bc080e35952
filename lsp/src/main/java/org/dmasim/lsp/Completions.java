package org.dmasim.lsp;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.dmasim.interpreter.builtins.Builtin;
import org.dmasim.interpreter.builtins.BuiltinRegistry;
import org.dmasim.interpreter.builtins.Constant;
import org.dmasim.interpreter.parse.Vocabulary;
import org.eclipse.lsp4j.CompletionItem;
import org.eclipse.lsp4j.CompletionItemKind;
import org.eclipse.lsp4j.MarkupContent;
import org.eclipse.lsp4j.MarkupKind;

/** What may be typed where a name starts: builtins and constants (the registry), keywords, the script's names. */
final class Completions {
    private Completions() {
    }

    static List<CompletionItem> at(OpenScript script, int offset, BuiltinRegistry registry) {
        if (offset > 0 && offset <= script.text().length() && script.text().charAt(offset - 1) == '.') {
            return List.of(); // a field: the value's fields are known only when the script runs
        }
        String prefix = script.prefixAt(offset);
        List<CompletionItem> items = new ArrayList<>();
        for (Builtin b : registry.builtins()) {
            if (b.name().startsWith(prefix)) {
                items.add(item(b.name(), CompletionItemKind.Function, b.signature(), Hovers.builtin(b)));
            }
        }
        for (Constant c : registry.constants()) {
            if (c.name().startsWith(prefix)) {
                items.add(item(c.name(), CompletionItemKind.Constant, c.group(), Hovers.constant(c)));
            }
        }
        for (String k : Vocabulary.keywords()) {
            if (k.startsWith(prefix)) {
                items.add(item(k, CompletionItemKind.Keyword, "keyword", null));
            }
        }
        // the script's own names, once each (the nearest declaration before the cursor wins)
        Map<String, Declaration> own = new LinkedHashMap<>();
        for (Declaration d : Declarations.of(script.parsed().program().statements(), script.text())) {
            boolean typing = d.nameSpan().start() <= offset && offset <= d.nameSpan().end();
            if (d.name().startsWith(prefix) && !typing && registry.builtin(d.name()).isEmpty()) {
                own.merge(d.name(), d, (old, now) -> now.nameSpan().start() <= offset ? now : old);
            }
        }
        for (Declaration d : own.values()) {
            items.add(item(d.name(), kind(d.kind()), d.summary(), null));
        }
        return items;
    }

    private static CompletionItem item(String label, CompletionItemKind kind, String detail, String markdown) {
        CompletionItem item = new CompletionItem(label);
        item.setKind(kind);
        item.setDetail(detail);
        if (markdown != null) {
            item.setDocumentation(new MarkupContent(MarkupKind.MARKDOWN, markdown));
        }
        return item;
    }

    private static CompletionItemKind kind(Declaration.Kind kind) {
        return switch (kind) {
            case FN -> CompletionItemKind.Function;
            case DEVICE -> CompletionItemKind.Module;
            case LET, PARAMETER, LOOP_VARIABLE -> CompletionItemKind.Variable;
        };
    }
}
