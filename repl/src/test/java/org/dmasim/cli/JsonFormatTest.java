package org.dmasim.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code dmasim run --format json}: JSON Lines, one object per event, schema of docs/json-output.md. */
class JsonFormatTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    private List<JsonNode> events(MainTest.Result r) throws IOException {
        List<JsonNode> out = new ArrayList<>();
        for (String line : r.out().lines().toList()) {
            out.add(JSON.readTree(line));
        }
        return out;
    }

    private static List<JsonNode> of(List<JsonNode> events, String kind) {
        return events.stream().filter(e -> e.get("event").asText().equals(kind)).toList();
    }

    @Test
    void aStaleReadHasEveryOutcomeWithWitnessesAndAReport() throws IOException {
        Path f = Files.writeString(dir.resolve("stale.dma"), Scenarios.STALE);
        MainTest.Result r = MainTest.run("run", f.toString(), "--format", "json");
        assertEquals(1, r.exit(), r.out() + r.err());
        List<JsonNode> events = events(r);

        JsonNode read = of(events, "read").get(0);
        assertEquals(8, read.get("line").asInt());
        assertEquals(1, read.get("column").asInt());
        assertEquals("cpu reads rx[0..64]", read.get("source").asText());
        assertEquals(64, read.get("length").asInt());
        assertFalse(read.get("certain").asBoolean());
        JsonNode outcomes = read.get("outcomes");
        assertEquals(2, outcomes.size());
        assertEquals("0x5a x64", outcomes.get(0).get("value").asText());
        assertFalse(outcomes.get(0).get("stale").asBoolean());
        assertTrue(outcomes.get(0).get("witness").asText().startsWith("device write at 7:1"));
        assertTrue(outcomes.get(1).get("stale").asBoolean());
        JsonNode alt = read.get("segments").get(0).get("alternatives").get(0);
        assertEquals("5a".repeat(64), alt.get("hex").asText());

        JsonNode stale = of(events, "report").stream().filter(e -> e.get("code").asText().equals("STALE_READ"))
                .findFirst().orElseThrow();
        assertEquals("error", stale.get("severity").asText());
        assertEquals(8, stale.get("line").asInt());
        assertFalse(stale.get("expected").asBoolean());
        assertTrue(stale.get("help").asText().contains("dma_sync_single_for_cpu"));
        assertTrue(stale.get("witnesses").size() >= 1);

        JsonNode summary = of(events, "summary").get(0);
        assertEquals(1, summary.get("errors").asInt());
        assertFalse(summary.get("pass").asBoolean());
        JsonNode last = events.get(events.size() - 1);
        assertEquals("exit", last.get("event").asText());
        assertEquals(1, last.get("code").asInt());
    }

    @Test
    void expectationsAreEvents() throws IOException {
        Path f = Files.writeString(dir.resolve("ok.dma"), Scenarios.PASSING);
        MainTest.Result r = MainTest.run("run", f.toString(), "--format", "json");
        assertEquals(0, r.exit(), r.out() + r.err());
        List<JsonNode> expects = of(events(r), "expect");
        assertEquals(2, expects.size());
        assertEquals("expect cpu reads rx[0..64] == 0x5A", expects.get(1).get("source").asText());
        assertTrue(expects.get(1).get("passed").asBoolean());
    }

    @Test
    void aScriptErrorIsAnEventWithItsPositionThenExitTwo() throws IOException {
        Path f = Files.writeString(dir.resolve("typo.dma"), Scenarios.TYPO);
        MainTest.Result r = MainTest.run("run", f.toString(), "--format", "json");
        assertEquals(2, r.exit());
        List<JsonNode> events = events(r);
        assertEquals(List.of("start", "script_error", "script_error", "exit"),
                events.stream().map(e -> e.get("event").asText()).toList(), r.out());
        JsonNode first = events.get(1);
        assertEquals(f.toString(), first.get("file").asText());
        assertEquals(1, first.get("line").asInt());
        assertEquals(9, first.get("column").asInt());
        assertEquals("unknown name 'dma_map_singel'", first.get("message").asText());
        assertEquals("error", first.get("severity").asText());
        assertTrue(first.get("text").asText().contains("^^^"), first.toString());
        assertEquals(2, events.get(3).get("code").asInt());
    }

    @Test
    void everyRunStartsWithTheSchemaVersion() throws IOException {
        Path f = Files.writeString(dir.resolve("ok.dma"), Scenarios.PASSING);
        JsonNode start = events(MainTest.run("run", f.toString(), "--format", "json")).get(0);
        assertEquals("start", start.get("event").asText());
        assertEquals(1, start.get("schema_version").asInt());
        assertEquals("run", start.get("command").asText());
        assertEquals(f.toString(), start.get("files").get(0).asText());
    }

    @Test
    void anUnreadableFileStillEndsWithTheExitEvent() throws IOException {
        for (Path f : List.of(dir.resolve("missing.dma"), Files.writeString(dir.resolve("notes.txt"), "hello"), dir)) {
            MainTest.Result r = MainTest.run("run", f.toString(), "--format", "json");
            assertEquals(2, r.exit(), r.out());
            List<JsonNode> events = events(r);
            assertEquals(List.of("start", "script_error", "exit"),
                    events.stream().map(e -> e.get("event").asText()).toList(), r.out());
            assertTrue(events.get(1).get("message").asText().matches("cannot (read|run) " + java.util.regex.Pattern.quote(
                    f.toString()) + ": .*"), r.out());
            assertEquals("", r.err());
        }
    }

    @Test
    void archAllTagsEveryRunAndEndsWithTheMatrix() throws IOException {
        Path f = Files.writeString(dir.resolve("portable.dma"), Scenarios.PASSING.replace("arch arm64\n", "")
                .replace(", coherent: false", ""));
        MainTest.Result r = MainTest.run("run", f.toString(), "--arch", "all", "--format", "json");
        assertEquals(0, r.exit(), r.out());
        List<JsonNode> events = events(r);
        assertEquals(7, of(events, "summary").size());
        assertEquals("sparc64", of(events, "summary").get(5).get("arch").asText());
        assertEquals("sparc64_sun4u", of(events, "summary").get(6).get("arch").asText());
        JsonNode matrix = of(events, "arch_matrix").get(0);
        assertEquals(7, matrix.get("arches").size());
        assertEquals("pass", matrix.get("rows").get(1).get("results").get("arm64").asText());
        assertTrue(matrix.get("pass").get("riscv64").asBoolean());
        assertEquals("exit", events.get(events.size() - 1).get("event").asText());
    }

    @Test
    void checkSpeaksJsonToo() throws IOException {
        Path good = Files.writeString(dir.resolve("good.dma"), Scenarios.PASSING);
        Path bad = Files.writeString(dir.resolve("typo.dma"), Scenarios.TYPO);
        MainTest.Result r = MainTest.run("check", good.toString(), bad.toString(), "--format", "json");
        assertEquals(2, r.exit(), r.out());
        List<JsonNode> events = events(r);
        assertEquals("check", events.get(0).get("command").asText());
        List<JsonNode> errors = of(events, "script_error");
        assertEquals(2, errors.size());
        assertEquals(2, errors.get(1).get("line").asInt());
        JsonNode summary = of(events, "check_summary").get(0);
        assertEquals(2, summary.get("files").asInt());
        assertEquals(1, summary.get("failed").asInt());
        assertEquals(2, events.get(events.size() - 1).get("code").asInt());
    }
}
