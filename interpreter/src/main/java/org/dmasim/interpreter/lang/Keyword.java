package org.dmasim.interpreter.lang;

import java.util.List;

/**
 * A keyword of the language (or a word with a keyword's role, as {@code clean} after {@code expect}):
 * the forms it takes, what it does, and the section of docs/language.md about it.
 */
public record Keyword(String name, List<String> forms, String doc, String section) {
    public Keyword {
        forms = List.copyOf(forms);
    }
}
