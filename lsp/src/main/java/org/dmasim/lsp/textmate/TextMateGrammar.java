package org.dmasim.lsp.textmate;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.dmasim.interpreter.builtins.Builtin;
import org.dmasim.interpreter.builtins.BuiltinRegistry;
import org.dmasim.interpreter.builtins.Constant;
import org.dmasim.interpreter.parse.Vocabulary;

/**
 * The TextMate grammar of {@code .dma} (what VS Code and most editors colour with), built from the lexer's
 * vocabulary and the builtin registry, so a keyword or builtin added to the language is coloured by the next build.
 * Comments, strings and numbers are regular expressions written after DmaScriptLexer.g4's rules; a test holds
 * them against the real lexer.
 */
public final class TextMateGrammar {
    public static final String SCOPE = "source.dma";

    /** Keywords with a more precise scope than {@code keyword.other}; a new keyword gets that default. */
    private static final Map<String, String> KEYWORD_SCOPES = Map.ofEntries(
            Map.entry("if", "keyword.control"), Map.entry("else", "keyword.control"),
            Map.entry("for", "keyword.control"), Map.entry("in", "keyword.control"),
            Map.entry("while", "keyword.control"), Map.entry("return", "keyword.control"),
            Map.entry("true", "constant.language"), Map.entry("false", "constant.language"),
            Map.entry("null", "constant.language"),
            Map.entry("and", "keyword.operator.word"), Map.entry("or", "keyword.operator.word"),
            Map.entry("not", "keyword.operator.word"),
            Map.entry("arch", "storage.type"), Map.entry("machine", "storage.type"),
            Map.entry("device", "storage.type"), Map.entry("preset", "storage.type"),
            Map.entry("profile", "storage.type"), Map.entry("let", "storage.type"),
            Map.entry("fn", "storage.type"), Map.entry("import", "keyword.control.import"));
    static final String DEFAULT_KEYWORD_SCOPE = "keyword.other";
    private static final String BRACKETS = "()[]{}";

    private TextMateGrammar() {
    }

    /** The grammar as JSON-ready maps and lists ({@code dma.tmLanguage.json}). */
    public static Map<String, Object> of(List<String> keywords, List<String> symbols, BuiltinRegistry registry) {
        Map<String, Object> repository = new LinkedHashMap<>();
        // lexer: LINE_COMMENT: ('#' | '//') ~[\r\n]*
        repository.put("comment", rule("comment.line.dma", "(?:#|//).*$"));
        // lexer: STRING: '"' (ESC | ~["\\\r\n])* '"', ESC: '\\' ~[\r\n]; an unterminated one ends at the line's end
        Map<String, Object> string = new LinkedHashMap<>();
        string.put("name", "string.quoted.double.dma");
        string.put("begin", "\"");
        string.put("end", "\"|$");
        string.put("patterns", List.of(rule("constant.character.escape.dma", "\\\\.")));
        repository.put("string", string);
        // lexer: INT: (HEX | BIN | DEC) ([ \t]* SIZE_SUFFIX, not followed by a name character)?
        repository.put("number", rule("constant.numeric.dma",
                "\\b(?:0[xX][0-9a-fA-F_]+|0[bB][01_]+|[0-9][0-9_]*)(?:[ \\t]*(?:B|KiB|MiB|GiB|TiB)(?![A-Za-z0-9_]))?"));
        Map<String, List<String>> byScope = new LinkedHashMap<>();
        for (String k : keywords) {
            byScope.computeIfAbsent(KEYWORD_SCOPES.getOrDefault(k, DEFAULT_KEYWORD_SCOPE), s -> new ArrayList<>()).add(k);
        }
        List<Map<String, Object>> keywordRules = new ArrayList<>();
        byScope.forEach((scope, words) -> keywordRules.add(rule(scope + ".dma", words(words))));
        repository.put("keyword", Map.of("patterns", keywordRules));
        repository.put("builtin", rule("support.function.dma",
                words(registry.builtins().stream().map(Builtin::name).toList())));
        repository.put("constant", rule("support.constant.dma",
                words(registry.constants().stream().map(Constant::name).toList())));
        List<String> operators = symbols.stream().filter(s -> !BRACKETS.contains(s)).toList();
        repository.put("operator", rule("keyword.operator.dma", alternatives(operators)));
        List<String> brackets = symbols.stream().filter(s -> s.length() == 1 && BRACKETS.contains(s)).toList();
        repository.put("bracket", rule("punctuation.bracket.dma", alternatives(brackets)));

        Map<String, Object> grammar = new LinkedHashMap<>();
        grammar.put("$schema", "https://raw.githubusercontent.com/martinring/tmlanguage/master/tmlanguage.json");
        grammar.put("name", "dmasim");
        grammar.put("scopeName", SCOPE);
        grammar.put("fileTypes", List.of("dma"));
        grammar.put("patterns", repository.keySet().stream().map(k -> Map.of("include", "#" + k)).toList());
        grammar.put("repository", repository);
        return grammar;
    }

    private static Map<String, Object> rule(String scope, String match) {
        Map<String, Object> rule = new LinkedHashMap<>();
        rule.put("name", scope);
        rule.put("match", match);
        return rule;
    }

    /** {@code \b(?:a|b)\b}, longest first. */
    private static String words(List<String> words) {
        return "\\b(?:" + alternatives(words) + ")\\b";
    }

    /** The alternatives quoted, longest first, so {@code ..} wins over {@code .} and {@code <=} over {@code <}. */
    private static String alternatives(List<String> texts) {
        List<String> sorted = new ArrayList<>(texts);
        sorted.sort(Comparator.comparingInt(String::length).reversed().thenComparing(Comparator.naturalOrder()));
        return String.join("|", sorted.stream().map(TextMateGrammar::quote).toList());
    }

    /** A regex-quoted text in the syntax both Oniguruma (TextMate) and java.util.regex read: escaped characters. */
    private static String quote(String text) {
        StringBuilder out = new StringBuilder();
        for (char c : text.toCharArray()) {
            if ("\\^$.|?*+()[]{}".indexOf(c) >= 0) {
                out.append('\\');
            }
            out.append(c);
        }
        return out.toString();
    }

    /** The grammar of this build's language. */
    public static Map<String, Object> standard() {
        return of(Vocabulary.keywords(), Vocabulary.symbols(), BuiltinRegistry.standard());
    }
}
