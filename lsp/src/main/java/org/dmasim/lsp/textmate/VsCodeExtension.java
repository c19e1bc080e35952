package org.dmasim.lsp.textmate;

import com.google.gson.Gson;
import com.google.gson.GsonBuilder;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A minimal VS Code extension folder for {@code .dma}: the language, its comment and bracket rules, and the
 * generated TextMate grammar. No code: copy the folder into {@code ~/.vscode/extensions/}. The build writes it
 * into the release archive ({@code editor/vscode-dmasim/}).
 */
public final class VsCodeExtension {
    public static final String FOLDER = "vscode-dmasim";
    static final String GRAMMAR_FILE = "syntaxes/dma.tmLanguage.json";

    private static final Gson JSON = new GsonBuilder().setPrettyPrinting().disableHtmlEscaping().create();

    private VsCodeExtension() {
    }

    /** Writes the extension's files into {@code dir} (created if needed). */
    public static void write(Path dir, String version) throws IOException {
        Files.createDirectories(dir.resolve("syntaxes"));
        write(dir.resolve("package.json"), packageJson(version));
        write(dir.resolve("language-configuration.json"), languageConfiguration());
        write(dir.resolve(GRAMMAR_FILE), TextMateGrammar.standard());
        Files.writeString(dir.resolve("README.md"), """
                # dmasim for VS Code

                Colours `.dma` scenarios (the grammar is generated from dmasim's lexer and builtins) and knows
                their comments and brackets. Install: copy this folder to `~/.vscode/extensions/` and restart.

                For errors as you type, completion, hover and go-to-definition, point an LSP client at
                `dmasim lsp` (see docs/editors.md in the dmasim distribution).
                """, StandardCharsets.UTF_8);
    }

    static Map<String, Object> packageJson(String version) {
        Map<String, Object> language = new LinkedHashMap<>();
        language.put("id", "dma");
        language.put("aliases", List.of("dmasim", "dma"));
        language.put("extensions", List.of(".dma"));
        language.put("configuration", "./language-configuration.json");
        Map<String, Object> grammar = new LinkedHashMap<>();
        grammar.put("language", "dma");
        grammar.put("scopeName", TextMateGrammar.SCOPE);
        grammar.put("path", "./" + GRAMMAR_FILE);
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("name", "dmasim");
        json.put("displayName", "dmasim scenarios (.dma)");
        json.put("description", "Syntax colouring for dmasim's .dma DMA scenarios");
        json.put("version", version.replace("-SNAPSHOT", ""));
        json.put("publisher", "dmasim");
        json.put("license", "Apache-2.0");
        json.put("engines", Map.of("vscode", "^1.60.0"));
        json.put("categories", List.of("Programming Languages"));
        json.put("contributes", Map.of("languages", List.of(language), "grammars", List.of(grammar)));
        return json;
    }

    static Map<String, Object> languageConfiguration() {
        List<List<String>> brackets = List.of(List.of("{", "}"), List.of("[", "]"), List.of("(", ")"));
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("comments", Map.of("lineComment", "#"));
        json.put("brackets", brackets);
        json.put("autoClosingPairs", List.of(pair("{", "}"), pair("[", "]"), pair("(", ")"), pair("\"", "\"")));
        json.put("surroundingPairs", List.of(List.of("{", "}"), List.of("[", "]"), List.of("(", ")"), List.of("\"", "\"")));
        return json;
    }

    private static Map<String, String> pair(String open, String close) {
        return Map.of("open", open, "close", close);
    }

    static String json(Object value) {
        return JSON.toJson(value) + "\n";
    }

    private static void write(Path file, Object value) throws IOException {
        Files.writeString(file, json(value), StandardCharsets.UTF_8);
    }

    /** The build step: {@code VsCodeExtension DIR VERSION}. */
    public static void main(String[] args) throws IOException {
        if (args.length != 2) {
            throw new IllegalArgumentException("usage: VsCodeExtension DIR VERSION");
        }
        write(Path.of(args[0]), args[1]);
    }
}
