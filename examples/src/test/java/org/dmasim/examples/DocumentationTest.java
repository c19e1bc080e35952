package org.dmasim.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every code block of README.md and docs/*.md runs, as the docs promise. A fence names what its block is:
 *
 * <ul>
 *   <li>{@code dma}: a scenario; {@code dmasim check} finds nothing in it and {@code dmasim run} exits 0, or
 *       the exit code {@code exit=N} states; {@code raises=CODE,CODE} names reports the run must raise;
 *       {@code continues} runs it after the file's previous {@code dma} block, as one scenario.
 *   <li>{@code js}, {@code python}: a scenario for {@code dmasim run}, with {@code exit=N} as above.
 *   <li>{@code json}: JSON Lines that must validate against docs/json-output.schema.json.
 *   <li>{@code java from=PATH}: code that PATH holds, line by line in order (a project the build compiles and runs);
 *       {@code java tested-by=NAME}: code that the test class NAME compiles and runs itself.
 *   <li>{@code xml}: Maven dependencies: dmasim's coordinates and version, and the JUnit version the build uses.
 *   <li>{@code kotlin untested=WHY}: a Gradle build script; the build machine has no Gradle, so it says why.
 *   <li>{@code lua}, {@code toml}, {@code elisp}: an editor's configuration (no editor runs here): it must start
 *       {@code dmasim lsp} for {@code .dma} files.
 *   <li>{@code text}, {@code sh}: output or commands, not run; {@code text from=PATH} must be PATH's text (a
 *       golden file the suite pins), with {@code examples/} before the golden scenario's path.
 * </ul>
 *
 * A block without a tag fails the test: every block says what it is.
 */
class DocumentationTest {
    private static final Path ROOT = Path.of("").toAbsolutePath().getParent();
    private static final Pattern FENCE = Pattern.compile("(?m)^```([^\\n]*)\\n(.*?)^```[ \\t]*$", Pattern.DOTALL);
    private static final ObjectMapper JSON = new ObjectMapper();

    /** One fenced block: where it is, its tag, its attributes and its text. */
    record Block(Path doc, int line, String tag, Map<String, String> attributes, String text) {
        String where() {
            return ROOT.relativize(doc) + ":" + line;
        }
    }

    @TempDir
    static Path scratch;

    @TestFactory
    Stream<DynamicTest> everyCodeBlockRuns() throws IOException {
        List<Path> docs = new ArrayList<>();
        docs.add(ROOT.resolve("README.md"));
        try (Stream<Path> files = Files.list(ROOT.resolve("docs"))) {
            files.filter(p -> p.toString().endsWith(".md")).sorted().forEach(docs::add);
        }
        List<DynamicTest> tests = new ArrayList<>();
        for (Path doc : docs) {
            String previous = null;
            for (Block b : blocks(doc)) {
                String script = b.text();
                if (b.tag().equals("dma") && b.attributes().containsKey("continues")) {
                    assertTrue(previous != null, b.where() + ": 'continues' needs a dma block before it");
                    script = previous + script;
                }
                if (b.tag().equals("dma")) {
                    previous = script;
                }
                String text = script;
                tests.add(DynamicTest.dynamicTest(b.where() + " " + b.tag(), () -> check(b, text)));
            }
        }
        assertFalse(tests.isEmpty());
        return tests.stream();
    }

    static List<Block> blocks(Path doc) throws IOException {
        String text = Files.readString(doc, StandardCharsets.UTF_8);
        List<Block> out = new ArrayList<>();
        Matcher m = FENCE.matcher(text);
        while (m.find()) {
            int line = (int) text.substring(0, m.start()).chars().filter(c -> c == '\n').count() + 1;
            String[] words = m.group(1).strip().split("\\s+");
            Map<String, String> attributes = new LinkedHashMap<>();
            for (int i = 1; i < words.length; i++) {
                int eq = words[i].indexOf('=');
                attributes.put(eq < 0 ? words[i] : words[i].substring(0, eq), eq < 0 ? "" : words[i].substring(eq + 1));
            }
            out.add(new Block(doc, line, words[0], attributes, m.group(2)));
        }
        return out;
    }

    private static void check(Block b, String script) throws Exception {
        switch (b.tag()) {
            case "dma" -> scenario(b, script, ".dma");
            case "js" -> scenario(b, script, ".js");
            case "python" -> scenario(b, script, ".py");
            case "json" -> JsonSchemaCheck.validateLines(b.text(), b.where());
            case "java" -> {
                if (b.attributes().containsKey("tested-by")) {
                    testedBy(b);
                } else {
                    contained(b, true);
                }
            }
            case "kotlin" -> assertFalse(b.attributes().getOrDefault("untested", "").isEmpty(),
                    b.where() + ": a Gradle script cannot run here: say why with untested=WHY");
            case "xml" -> dependencies(b);
            case "lua", "toml", "elisp" -> assertTrue(b.text().contains("\"dmasim\"") && b.text().contains("\"lsp\"")
                    && b.text().contains("dma"), b.where() + ": an editor's configuration must start dmasim lsp for .dma files");
            case "text", "sh" -> {
                if (b.attributes().containsKey("from")) {
                    contained(b, false);
                }
            }
            default -> fail(b.where() + ": a code block needs a tag (dma, js, python, json, java, xml, kotlin, lua, toml,"
                    + " elisp, text, sh), not '" + b.tag() + "'");
        }
    }

    private static void scenario(Block b, String script, String extension) throws IOException {
        Path file = scratch.resolve(b.doc().getFileName() + "-" + b.line() + extension);
        Files.writeString(file, script, StandardCharsets.UTF_8);
        int exit = Integer.parseInt(b.attributes().getOrDefault("exit", "0"));
        if (extension.equals(".dma") && exit != 2) {
            ScenarioCli.Result checked = ScenarioCli.run("check", file.toString());
            assertEquals(0, checked.exit(), b.where() + ": dmasim check finds errors in the block:\n" + checked.out());
        }
        ScenarioCli.Result r = ScenarioCli.run("run", file.toString(), "--timeout", "10m");
        String output = r.out() + r.err();
        assertEquals(exit, r.exit(), b.where() + ": the block must exit " + exit + ":\n" + script + "\n---\n" + output);
        String raises = b.attributes().get("raises");
        if (raises != null) {
            for (String code : raises.split(",")) {
                assertTrue(output.contains("[" + code + "]"), b.where() + ": the block must raise " + code + ":\n" + output);
            }
        }
    }

    /** The block's text is in the file {@code from} names: its lines in order (code), or exactly (output). */
    private static void contained(Block b, boolean lines) throws IOException {
        String from = b.attributes().get("from");
        assertTrue(from != null, b.where() + ": a " + b.tag() + " block names the file it comes from: from=PATH");
        String file = Files.readString(ROOT.resolve(from), StandardCharsets.UTF_8);
        String block = b.text();
        if (lines) {
            List<String> fileLines = file.lines().map(String::strip).toList();
            int at = 0;
            for (String line : block.lines().map(String::strip).filter(l -> !l.isEmpty()).toList()) {
                while (at < fileLines.size() && !fileLines.get(at).equals(line)) {
                    at++;
                }
                assertTrue(at < fileLines.size(), b.where() + ": '" + line + "' is not in " + from + " (in order)");
                at++;
            }
        } else {
            String golden = file.replaceFirst("exit: \\d+\\n$", "").replace("src/test/golden/", "examples/src/test/golden/");
            assertEquals(golden, block, b.where() + ": the block differs from " + from);
        }
    }

    /** A test class of the repository that compiles and runs the block itself (and names it). */
    private static void testedBy(Block b) throws IOException {
        String name = b.attributes().get("tested-by");
        try (Stream<Path> files = Files.walk(ROOT)) {
            List<Path> tests = files.filter(p -> p.getFileName().toString().equals(name + ".java"))
                    .filter(p -> p.toString().contains("/src/test/java/")).toList();
            assertFalse(tests.isEmpty(), b.where() + ": no test class " + name);
        }
    }

    /** Dependencies to paste into a pom: dmasim's own at the project's version, JUnit at the build's. */
    private static void dependencies(Block b) throws Exception {
        var xml = javax.xml.parsers.DocumentBuilderFactory.newInstance().newDocumentBuilder()
                .parse(new java.io.ByteArrayInputStream(("<d>" + b.text().replaceFirst("^<\\?xml[^>]*\\?>", "") + "</d>")
                        .getBytes(StandardCharsets.UTF_8)));
        var pom = javax.xml.parsers.DocumentBuilderFactory.newInstance().newDocumentBuilder()
                .parse(ROOT.resolve("pom.xml").toFile());
        String version = text(pom.getDocumentElement(), "version");
        String junit = pom.getElementsByTagName("junit.version").item(0).getTextContent();
        var deps = xml.getElementsByTagName("dependency");
        assertTrue(deps.getLength() > 0, b.where() + ": no <dependency>");
        for (int i = 0; i < deps.getLength(); i++) {
            var d = (org.w3c.dom.Element) deps.item(i);
            String group = text(d, "groupId");
            String artifact = text(d, "artifactId");
            if (group.equals("org.dmasim")) {
                assertEquals(version, text(d, "version"), b.where() + ": " + artifact + "'s version");
                assertTrue(Files.exists(ROOT.resolve(artifact.replaceFirst("^dmasim-", "")).resolve("pom.xml")),
                        b.where() + ": no module " + artifact);
            } else if (group.equals("org.junit.jupiter")) {
                assertEquals(junit, text(d, "version"), b.where() + ": the JUnit version the build uses");
            }
        }
    }

    private static String text(org.w3c.dom.Element e, String child) {
        for (var n = e.getFirstChild(); n != null; n = n.getNextSibling()) {
            if (n instanceof org.w3c.dom.Element c && c.getTagName().equals(child)) {
                return c.getTextContent().strip();
            }
        }
        return "";
    }

    /** Every report code has its section in docs/semantics.md, with a scenario that raises it. */
    @org.junit.jupiter.api.Test
    void everyReportCodeHasAnExampleThatRaisesIt() throws IOException {
        Path semantics = ROOT.resolve("docs/semantics.md");
        String text = Files.readString(semantics, StandardCharsets.UTF_8);
        List<Block> blocks = blocks(semantics);
        List<String> missing = new ArrayList<>();
        for (org.dmasim.engine.check.ReportCode code : org.dmasim.engine.check.ReportCode.values()) {
            if (!text.contains("\n### " + code.name() + "\n")) {
                missing.add(code.name() + " (no section)");
            } else if (blocks.stream().noneMatch(b -> b.tag().equals("dma")
                    && List.of(b.attributes().getOrDefault("raises", "").split(",")).contains(code.name()))
                    && !AWAITING_JOBS.contains(code.name()) && !NEVER_PRINTED.contains(code.name())) {
                missing.add(code.name() + " (no example with raises=" + code.name() + ")");
            }
        }
        assertEquals(List.of(), missing, "docs/semantics.md");
    }

    /**
     * Kept with the kernel's text, but Linux 6.18 never prints it: check_sync finds only an entry that
     * holds the whole synced range (kernel/dma/debug.c bucket_find_contain), so "outside allocated
     * range" cannot follow; the section shows what is printed instead.
     */
    private static final java.util.Set<String> NEVER_PRINTED = java.util.Set.of("DMA_SYNC_OUT_OF_RANGE");

    /** The codes of device jobs: their examples need `async`, which the language does not have yet. */
    private static final java.util.Set<String> AWAITING_JOBS = java.util.Set.of("DMA_UNMAP_WHILE_BUSY", "JOB_NOT_WAITED",
            "HANG");
}
