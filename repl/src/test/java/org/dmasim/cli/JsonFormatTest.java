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
    void aScriptErrorIsOneEventThenExitTwo() throws IOException {
        Path f = Files.writeString(dir.resolve("typo.dma"), Scenarios.TYPO);
        MainTest.Result r = MainTest.run("run", f.toString(), "--format", "json");
        assertEquals(2, r.exit());
        List<JsonNode> events = events(r);
        assertEquals(2, events.size(), r.out());
        assertEquals("script_error", events.get(0).get("event").asText());
        assertTrue(events.get(0).get("text").asText().contains("unknown name 'dma_map_singel'"));
        assertEquals(2, events.get(1).get("code").asInt());
    }
}
