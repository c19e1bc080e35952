package org.dmasim.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * docs/json-output.schema.json describes what {@code --format json} prints: every example and every
 * negative case runs with {@code --format json}, and each line must validate; the first is {@code start},
 * the last {@code exit} with the exit code of the text run (pinned in the golden file). {@code check
 * --format json} and {@code --arch all --format json} are validated too.
 */
class JsonOutputSchemaTest {
    private static final Path MODULE = Path.of("").toAbsolutePath();

    @TestFactory
    Stream<DynamicTest> everyExamplesJsonOutputMatchesTheSchema() throws IOException {
        List<DynamicTest> tests = new ArrayList<>();
        for (Path script : scripts()) {
            String name = relative(script);
            tests.add(DynamicTest.dynamicTest("run " + name, () -> {
                // golden/arch-all scenarios run over every arch, as their golden file pins
                ScenarioCli.Result r = name.startsWith("src/test/golden/arch-all/")
                        ? ScenarioCli.run("run", name, "--arch", "all", "--format", "json", "--timeout", "10m")
                        : ScenarioCli.run("run", name, "--format", "json", "--timeout", "10m");
                List<JsonNode> events = JsonSchemaCheck.validateLines(r.out(), name);
                assertEquals("start", events.get(0).get("event").asText(), name);
                JsonNode last = events.get(events.size() - 1);
                assertEquals("exit", last.get("event").asText(), name);
                assertEquals(r.exit(), last.get("code").asInt(), name);
                assertEquals(goldenExit(script), r.exit(), name + ": the JSON run exits as the text run");
            }));
        }
        tests.add(DynamicTest.dynamicTest("run --arch all", () -> {
            ScenarioCli.Result r = ScenarioCli.run("run", "rx-sync-arm64.dma", "--arch", "all", "--format", "json");
            List<JsonNode> events = JsonSchemaCheck.validateLines(r.out(), "--arch all");
            assertEquals("arch_matrix", events.get(events.size() - 2).get("event").asText());
        }));
        tests.add(DynamicTest.dynamicTest("check", () -> {
            List<String> args = new ArrayList<>(List.of("check", "--format", "json"));
            try (Stream<Path> cases = Files.list(MODULE.resolve("src/test/check"))) {
                cases.filter(p -> p.toString().endsWith(".dma")).sorted().map(JsonOutputSchemaTest::relative)
                        .forEach(args::add);
            }
            args.add("rx-sync-arm64.dma");
            args.add("sweep-rx-stale.js");
            args.add("no-such-file.dma");
            ScenarioCli.Result r = ScenarioCli.run(args.toArray(String[]::new));
            List<JsonNode> events = JsonSchemaCheck.validateLines(r.out(), "check");
            assertEquals("check_summary", events.get(events.size() - 2).get("event").asText());
        }));
        tests.add(DynamicTest.dynamicTest("run of a file that is not there", () -> {
            ScenarioCli.Result r = ScenarioCli.run("run", "no-such-file.dma", "--format", "json");
            assertEquals(3, JsonSchemaCheck.validateLines(r.out(), "missing file").size());
        }));
        return tests.stream();
    }

    private static List<Path> scripts() throws IOException {
        List<Path> all = new ArrayList<>();
        try (Stream<Path> top = Files.list(MODULE)) {
            top.filter(JsonOutputSchemaTest::isScenario).forEach(all::add);
        }
        try (Stream<Path> negatives = Files.walk(MODULE.resolve("src/test/golden"))) {
            negatives.filter(JsonOutputSchemaTest::isScenario).forEach(all::add);
        }
        return all.stream().sorted().toList();
    }

    private static boolean isScenario(Path p) {
        String n = p.getFileName().toString();
        return Files.isRegularFile(p) && (n.endsWith(".dma") || n.endsWith(".js") || n.endsWith(".py"));
    }

    private static int goldenExit(Path script) throws IOException {
        String name = script.getFileName().toString();
        Path golden = script.resolveSibling(name.substring(0, name.lastIndexOf('.')) + ".out");
        List<String> lines = Files.readAllLines(golden, StandardCharsets.UTF_8);
        return Integer.parseInt(lines.get(lines.size() - 1).replace("exit: ", "").strip());
    }

    private static String relative(Path file) {
        return MODULE.relativize(file).toString().replace(File.separatorChar, '/');
    }
}
