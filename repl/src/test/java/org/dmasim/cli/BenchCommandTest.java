package org.dmasim.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The bench command's rows and formats, on tiny machines; no timing is asserted. */
class BenchCommandTest {
    static final List<String> ROWS = List.of("bulk.memcpy", "bulk.dma", "bulk.ratio", "small.map_sync_unmap",
            "script.map_sync_unmap", "script.round_ratio", "dmabuf.map_begin_end_unmap", "uncertain.read",
            "uncertain.heap", "explicit.heap", "explicit.create", "explicit.read", "explicit.pattern.heap",
            "explicit.pattern.create", "explicit.pattern.read", "memory.touched", "memory.mappings", "script.bulk", "script.bulk_plain",
            "script.bulk_ratio", "script.bulk_gc_pause", "script.bulk_plain_gc_pause",
            // scaled down, the explorer's group measures the two smallest rings only
            "explore.ring1.dpor", "explore.ring1.all", "explore.ring2.dpor", "explore.ring2.all",
            "explore.ring1.shared.dpor", "explore.ring1.shared.all", "explore.ring2.shared.dpor",
            "explore.ring2.shared.all");

    @Test
    void tableHasEveryBenchmarkWithTargetAndResult() {
        MainTest.Result r = MainTest.run("bench", "--quick", "--size-scale", "0.001");
        assertTrue(r.exit() == 0 || r.exit() == 1, r.err());
        String[] lines = r.out().replace("\r\n", "\n").split("\n");
        assertTrue(lines[0].startsWith("benchmark") && lines[0].contains("measured (median)")
                && lines[0].contains("target") && lines[0].contains("result"), lines[0]);
        List<String> names = new ArrayList<>();
        for (int i = 2; i < lines.length && !lines[i].isEmpty(); i++) {
            names.add(lines[i].split(" +")[0]);
            assertTrue(lines[i].matches(".*(pass|FAIL|reference)$"), lines[i]);
        }
        assertEquals(ROWS, names);
        assertTrue(r.out().contains("GB/s") && r.out().contains(" ns ") && r.out().contains(" MiB"), r.out());
        assertTrue(r.out().contains(r.exit() == 0 ? "all targets met" : "some targets NOT met"), r.out());
    }

    @Test
    void jsonHasTheSameFigures() throws Exception {
        MainTest.Result r = MainTest.run("bench", "--json", "--quick", "--size-scale", "0.001");
        assertTrue(r.exit() == 0 || r.exit() == 1, r.err());
        JsonNode root = new ObjectMapper().readTree(r.out());
        assertEquals(r.exit() == 0, root.get("pass").asBoolean());
        assertTrue(root.get("quick").asBoolean());
        List<String> names = new ArrayList<>();
        for (JsonNode b : root.get("benchmarks")) {
            names.add(b.get("name").asText());
            assertTrue(b.get("median").isNumber(), b.toString());
            assertTrue(b.get("min").asDouble() <= b.get("median").asDouble()
                    && b.get("median").asDouble() <= b.get("max").asDouble(), b.toString());
            assertTrue(b.get("unit").isTextual());
            assertEquals(b.get("target").isNull(), b.get("comparison").isNull(), b.toString());
        }
        assertEquals(ROWS, names);
        JsonNode ratio = root.get("benchmarks").get(2);
        assertEquals(25.0, ratio.get("target").asDouble());
        assertEquals(">=", ratio.get("comparison").asText());
    }

    @Test
    void onlyRunsTheNamedGroups() {
        MainTest.Result r = MainTest.run("bench", "--quick", "--size-scale", "0.001", "--only", "small,uncertain");
        assertTrue(r.exit() == 0 || r.exit() == 1, r.err());
        List<String> names = new ArrayList<>();
        String[] lines = r.out().replace("\r\n", "\n").split("\n");
        for (int i = 2; i < lines.length && !lines[i].isEmpty(); i++) {
            names.add(lines[i].split(" +")[0]);
        }
        assertEquals(List.of("small.map_sync_unmap", "uncertain.read", "uncertain.heap"), names);
    }

    @Test
    void anUnknownGroupIsAUsageError() {
        MainTest.Result r = MainTest.run("bench", "--only", "small,nosuch");
        assertEquals(2, r.exit());
        assertTrue(r.err().contains("no group nosuch") && r.err().contains("script-loop"), r.err());
    }

    @Test
    void aScaleOutOfRangeIsAUsageError() {
        MainTest.Result r = MainTest.run("bench", "--size-scale", "0");
        assertEquals(2, r.exit());
        assertTrue(r.err().contains("--size-scale"), r.err());
    }
}
