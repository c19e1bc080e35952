package com.example.harness;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.io.StringWriter;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;
import org.dmasim.api.Sandbox;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The README's Java example, exactly as written there: compiled against the API jar alone (no
 * other dmasim module on its class path), run, and its output compared with the output the
 * README shows under it.
 */
class ReadmeExampleTest {
    private static final String SECTION = "## Embedding dmasim in Java";

    @Test
    void theReadmeExampleCompilesAgainstTheApiAloneAndPrintsWhatTheReadmeShows(@TempDir Path dir) throws Exception {
        String readme = Files.readString(root().resolve("README.md"));
        String section = readme.substring(readme.indexOf(SECTION));
        String code = block(section, "```java tested-by=ReadmeExampleTest\n");
        String expected = block(section.substring(section.indexOf(code) + code.length()), "prints\n\n```text\n");
        String className = code.replaceAll("(?s).*public class (\\w+).*", "$1");
        Path source = dir.resolve(className + ".java");
        Files.writeString(source, code);

        String apiOnly = Path.of(Sandbox.class.getProtectionDomain().getCodeSource().getLocation().toURI()).toString();
        JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
        StringWriter diagnostics = new StringWriter();
        boolean compiled = javac.getTask(diagnostics, null, null,
                List.of("-classpath", apiOnly, "-d", dir.toString(), "-proc:none"), null,
                javac.getStandardFileManager(null, null, StandardCharsets.UTF_8).getJavaFileObjects(source)).call();
        assertTrue(compiled, diagnostics.toString());

        ByteArrayOutputStream out = new ByteArrayOutputStream();
        PrintStream saved = System.out;
        try (URLClassLoader loader = new URLClassLoader(new java.net.URL[] {dir.toUri().toURL()},
                getClass().getClassLoader())) {
            System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
            loader.loadClass(className).getMethod("main", String[].class).invoke(null, (Object) new String[0]);
        } finally {
            System.setOut(saved);
        }
        assertEquals(expected, out.toString(StandardCharsets.UTF_8));
    }

    /** The text between {@code opening} and the next line of three backquotes. */
    private static String block(String text, String opening) {
        int start = text.indexOf(opening);
        assertTrue(start >= 0, "no block opening with " + opening.strip());
        start += opening.length();
        return text.substring(start, text.indexOf("```\n", start));
    }

    private static Path root() {
        String root = System.getProperty("dmasim.root");
        return root != null ? Path.of(root) : Path.of("../..");
    }
}
