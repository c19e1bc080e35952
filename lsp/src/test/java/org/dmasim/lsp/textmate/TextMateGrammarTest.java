package org.dmasim.lsp.textmate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonParser;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.antlr.v4.runtime.CharStreams;
import org.antlr.v4.runtime.Token;
import org.dmasim.grammar.DmaScriptLexer;
import org.dmasim.interpreter.builtins.BuiltinRegistry;
import org.dmasim.interpreter.parse.Vocabulary;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The generated TextMate grammar read as TextMate reads it (the first of the top-level patterns that matches where a
 * token starts), held against the real lexer: every token of every example, and a line of every keyword and symbol,
 * must be matched exactly and get its kind's scope.
 */
class TextMateGrammarTest {
    private static final Path ROOT = Path.of(System.getProperty("dmasim.root", "..")).toAbsolutePath().normalize();
    private static final BuiltinRegistry REGISTRY = BuiltinRegistry.standard();

    @TempDir
    Path dir;

    @Test
    void everyKeywordOfTheLexerIsColouredAndANewOneGetsTheDefaultScope() {
        List<String> keywords = new ArrayList<>(Vocabulary.keywords());
        assertTrue(keywords.containsAll(List.of("arch", "device", "let", "fn", "expect", "reads")), keywords.toString());
        keywords.add("spawn"); // a keyword the grammar may gain
        Grammar g = new Grammar(TextMateGrammar.of(keywords, Vocabulary.symbols(), REGISTRY));
        for (String k : keywords) {
            assertTrue(g.scopeAt(k + " x", 0).endsWith(".dma"), k);
        }
        assertEquals(TextMateGrammar.DEFAULT_KEYWORD_SCOPE + ".dma", g.scopeAt("spawn x", 0));
        assertEquals("keyword.control.dma", g.scopeAt("if x", 0));
        assertNull(g.scopeAt("iffy", 0), "a name that starts like a keyword is not one");
    }

    @Test
    void agreesWithTheLexerOnEveryExampleAndEverySymbol() throws IOException {
        Grammar g = new Grammar(TextMateGrammar.standard());
        List<Path> scripts;
        try (Stream<Path> files = Files.list(ROOT.resolve("examples"))) {
            scripts = files.filter(f -> f.toString().endsWith(".dma")).sorted().toList();
        }
        assertFalse(scripts.isEmpty(), "no examples in " + ROOT);
        for (Path script : scripts) {
            agree(g, script.getFileName().toString(), Files.readString(script));
        }
        String everything = String.join(" ", Vocabulary.keywords()) + "\n"
                + String.join(" ", Vocabulary.symbols()) + "\n"
                + "0x1f_ff 0b1010 4KiB 4 KiB 16B 2MiB 1_000 \"a\\\"b\" \"open // not a comment\n"
                + "x # comment\ny // comment\ndma_map_single DMA_FROM_DEVICE my_name nic2\n";
        agree(g, "<all tokens>", everything);
    }

    @Test
    void theExtensionFolderHoldsValidJsonThatPointsAtTheGrammar() throws IOException {
        VsCodeExtension.write(dir, "1.2.3-SNAPSHOT");
        var pkg = JsonParser.parseString(Files.readString(dir.resolve("package.json"))).getAsJsonObject();
        assertEquals("1.2.3", pkg.get("version").getAsString());
        var grammar = pkg.getAsJsonObject("contributes").getAsJsonArray("grammars").get(0).getAsJsonObject();
        Path file = dir.resolve(grammar.get("path").getAsString());
        assertTrue(Files.isRegularFile(file), file.toString());
        var tm = JsonParser.parseString(Files.readString(file)).getAsJsonObject();
        assertEquals(grammar.get("scopeName").getAsString(), tm.get("scopeName").getAsString());
        var language = pkg.getAsJsonObject("contributes").getAsJsonArray("languages").get(0).getAsJsonObject();
        assertTrue(Files.isRegularFile(dir.resolve(language.get("configuration").getAsString())));
        var config = JsonParser.parseString(Files.readString(dir.resolve("language-configuration.json"))).getAsJsonObject();
        assertEquals("#", config.getAsJsonObject("comments").get("lineComment").getAsString());
    }

    private static void agree(Grammar g, String name, String text) {
        DmaScriptLexer lexer = new DmaScriptLexer(CharStreams.fromString(text));
        lexer.removeErrorListeners();
        for (Token t = lexer.nextToken(); t.getType() != Token.EOF; t = lexer.nextToken()) {
            String expected = expectedScope(t);
            String where = name + ":" + t.getLine() + ":" + (t.getCharPositionInLine() + 1) + " '" + t.getText() + "'";
            if (t.getType() == DmaScriptLexer.WS || t.getType() == DmaScriptLexer.NL) {
                continue;
            }
            Match m = g.matchAt(text, t.getStartIndex());
            if (expected == null) {
                assertNull(m, where + " is a plain name, coloured " + (m == null ? "" : m.scope()));
                continue;
            }
            assertTrue(m != null, where + ": no pattern matches");
            assertEquals(expected, m.scope().replaceFirst("^(keyword|storage|constant\\.language)\\..*", "$1"),
                    where);
            assertEquals(t.getText().replaceFirst("\\R$", ""), text.substring(t.getStartIndex(), m.end()), where);
        }
    }

    /** The scope (or its first part, for keywords) a token must get; null for a name nothing colours. */
    private static String expectedScope(Token t) {
        int type = t.getType();
        if (type == DmaScriptLexer.IDENT) {
            if (REGISTRY.builtin(t.getText()).isPresent()) {
                return "support.function.dma";
            }
            return REGISTRY.constant(t.getText()).isPresent() ? "support.constant.dma" : null;
        }
        if (type == DmaScriptLexer.INT) {
            return "constant.numeric.dma";
        }
        if (type == DmaScriptLexer.STRING || type == DmaScriptLexer.UNTERMINATED_STRING) {
            return "string.quoted.double.dma";
        }
        if (type == DmaScriptLexer.LINE_COMMENT) {
            return "comment.line.dma";
        }
        if (Vocabulary.keywords().contains(t.getText())) {
            return List.of("true", "false", "null").contains(t.getText()) ? "constant.language"
                    : Character.isLetter(t.getText().charAt(0)) && isDeclaration(t.getText()) ? "storage" : "keyword";
        }
        return "()[]{}".contains(t.getText()) ? "punctuation.bracket.dma" : "keyword";
    }

    private static boolean isDeclaration(String word) {
        return List.of("arch", "machine", "device", "preset", "profile", "let", "fn").contains(word);
    }

    record Match(String scope, int end) {
    }

    /** The grammar's top-level patterns in order, as TextMate tries them at one position. */
    static final class Grammar {
        private final List<Map<String, Object>> rules = new ArrayList<>();

        @SuppressWarnings("unchecked")
        Grammar(Map<String, Object> grammar) {
            Map<String, Object> repository = (Map<String, Object>) grammar.get("repository");
            for (Map<String, Object> include : (List<Map<String, Object>>) grammar.get("patterns")) {
                Map<String, Object> rule = (Map<String, Object>) repository.get(((String) include.get("include")).substring(1));
                if (rule.containsKey("patterns") && !rule.containsKey("begin")) {
                    rules.addAll((List<Map<String, Object>>) rule.get("patterns"));
                } else {
                    rules.add(rule);
                }
            }
        }

        String scopeAt(String text, int at) {
            Match m = matchAt(text, at);
            return m == null ? null : m.scope();
        }

        Match matchAt(String text, int at) {
            int lineEnd = text.indexOf('\n', at);
            lineEnd = lineEnd < 0 ? text.length() : lineEnd;
            for (Map<String, Object> rule : rules) {
                String scope = (String) rule.get("name");
                if (rule.containsKey("begin")) {
                    Matcher begin = region(rule, "begin", text, at, lineEnd);
                    if (begin.lookingAt()) {
                        Matcher end = region(rule, "end", text, begin.end(), lineEnd);
                        int from = begin.end();
                        while (from <= lineEnd) { // skip escapes, as the string's inner pattern does
                            end.region(from, lineEnd);
                            if (from < lineEnd && text.charAt(from) == '\\') {
                                from += 2;
                            } else if (end.lookingAt()) {
                                return new Match(scope, end.end());
                            } else {
                                from++;
                            }
                        }
                    }
                } else {
                    Matcher m = region(rule, "match", text, at, lineEnd);
                    if (m.lookingAt()) {
                        return new Match(scope, m.end());
                    }
                }
            }
            return null;
        }

        private static Matcher region(Map<String, Object> rule, String key, String text, int from, int to) {
            return Pattern.compile((String) rule.get(key), Pattern.MULTILINE).matcher(text)
                    .region(Math.min(from, to), to).useTransparentBounds(true).useAnchoringBounds(false);
        }
    }
}
