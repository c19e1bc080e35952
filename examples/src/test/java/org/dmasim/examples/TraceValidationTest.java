package org.dmasim.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code dmasim run EXAMPLE --trace OUT.json} for every example: the file is trace-event JSON as
 * ui.perfetto.dev and chrome://tracing read it (the JSON Object Format: {@code traceEvents} with
 * the fields each phase requires), complete slices nest on each thread, every thread is named,
 * and the trace shows what the run did (a thread per device, its reports with their text).
 */
class TraceValidationTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Set<String> PHASES = Set.of("X", "i", "M");

    @TempDir
    static Path scratch;

    @TestFactory
    Stream<DynamicTest> everyExampleTraceValidates() throws IOException {
        List<Path> examples;
        try (Stream<Path> files = Files.list(Path.of(""))) {
            examples = files.filter(p -> p.toString().endsWith(".dma")).sorted().toList();
        }
        assertTrue(examples.size() >= 5, "examples not found: " + examples);
        return examples.stream().map(e -> DynamicTest.dynamicTest(e.toString(), () -> check(e)));
    }

    private static void check(Path example) throws IOException {
        Path out = scratch.resolve(example.getFileName() + ".json");
        ScenarioCli.Result r = ScenarioCli.run("run", example.toString(), "--trace", out.toString());
        assertEquals(0, r.exit(), r.transcript());
        JsonNode root = JSON.readTree(out.toFile());
        JsonNode events = root.get("traceEvents");
        assertTrue(events != null && events.isArray() && !events.isEmpty(), "no traceEvents array");
        Map<String, List<JsonNode>> slicesPerThread = new HashMap<>();
        Set<String> named = new HashSet<>();
        Set<String> used = new HashSet<>();
        List<String> reports = new ArrayList<>();
        for (JsonNode e : events) {
            String ph = text(e, "ph");
            assertTrue(PHASES.contains(ph), "unknown phase " + ph + " in " + e);
            assertTrue(e.hasNonNull("name") && e.get("pid").isInt() && e.get("tid").isInt(), "name, pid, tid: " + e);
            String thread = e.get("pid").asInt() + "/" + e.get("tid").asInt();
            switch (ph) {
                case "M" -> {
                    assertTrue(e.path("args").isObject(), "metadata without args: " + e);
                    if (text(e, "name").equals("thread_name")) {
                        named.add(thread);
                    }
                }
                case "X" -> {
                    assertTrue(e.get("ts").isNumber() && e.get("dur").isNumber() && e.get("dur").asLong() >= 0,
                            "a complete event needs ts and dur >= 0: " + e);
                    slicesPerThread.computeIfAbsent(thread, t -> new ArrayList<>()).add(e);
                    used.add(thread);
                }
                case "i" -> {
                    assertTrue(e.get("ts").isNumber(), "an instant needs ts: " + e);
                    assertTrue(Set.of("g", "p", "t").contains(text(e, "s")), "instant scope: " + e);
                    used.add(thread);
                    if ("report".equals(text(e, "cat"))) {
                        assertFalse(e.path("args").path("message").asText().isEmpty(), "a report without text: " + e);
                        reports.add(text(e, "name"));
                    }
                }
                default -> throw new AssertionError(ph);
            }
        }
        assertTrue(named.containsAll(used), "threads without a name: " + used + " named " + named);
        slicesPerThread.forEach((thread, slices) -> nest(example + " thread " + thread, slices));
        String outText = r.out();
        for (String severity : List.of("error", "warning")) {
            long printed = outText.lines().filter(l -> l.matches("(.*: )?" + severity + "\\[[A-Z_]+\\]: .*")).count();
            long traced = reports.stream().filter(n -> n.startsWith(severity + " ")).count();
            assertEquals(printed, traced, example + ": every " + severity + " printed is an instant of the trace");
        }
    }

    @org.junit.jupiter.api.Test
    void ownershipHandsTheReceiveBufferToTheNicAndBack() throws IOException {
        JsonNode events = traceOf("rx-missing-sync-arm64.dma");
        int ownerTid = threads(events).entrySet().stream().filter(t -> t.getValue().equals("owner of rx"))
                .mapToInt(Map.Entry::getKey).findFirst().orElse(-1);
        List<String> owners = new ArrayList<>();
        List<String> instants = new ArrayList<>();
        for (JsonNode e : events) {
            if ("X".equals(text(e, "ph")) && e.get("tid").asInt() == ownerTid) {
                owners.add(text(e, "name") + " since " + e.path("args").path("since").asText());
            }
            if ("i".equals(text(e, "ph"))) {
                instants.add(text(e, "name"));
            }
        }
        assertEquals(List.of("cpu since 7:1", "nic since 9:1", "cpu since 13:1"), owners);
        assertEquals(List.of("map", "warning CPU_ACCESS_DEVICE_OWNED", "error STALE_READ", "sync", "unmap"), instants);
    }

    /** With device jobs, each job of the first execution is a slice on a track of its own, over the statements it ran during. */
    @org.junit.jupiter.api.Test
    void deviceJobsAreSlices() throws IOException {
        JsonNode events = traceOf("gpu-display-fence-arm64.dma");
        Map<Integer, String> threads = threads(events);
        List<String> jobs = new ArrayList<>();
        for (JsonNode e : events) {
            if ("X".equals(text(e, "ph")) && "job".equals(text(e, "cat"))) {
                jobs.add(threads.get(e.get("tid").asInt()) + ": " + text(e, "name") + " " + e.get("ts").asLong() / 1000
                        + ".." + (e.get("ts").asLong() + e.get("dur").asLong()) / 1000);
            }
        }
        // both jobs run while the CPU is at statement 9 (17:1, the scanout's async), before it waits at 20:1
        assertEquals(List.of("device gpu: job: gpu 9..9", "device display: job: display 9..9"), jobs);
    }

    /** The trace events of {@code example}'s run, which must pass. */
    private static JsonNode traceOf(String example) throws IOException {
        Path out = scratch.resolve(example + ".trace.json");
        ScenarioCli.Result r = ScenarioCli.run("run", example, "--trace", out.toString());
        assertEquals(0, r.exit(), r.transcript());
        return JSON.readTree(out.toFile()).get("traceEvents");
    }

    /** Each thread's name by its id. */
    private static Map<Integer, String> threads(JsonNode events) {
        Map<Integer, String> threads = new HashMap<>();
        for (JsonNode e : events) {
            if (text(e, "name").equals("thread_name")) {
                threads.put(e.get("tid").asInt(), e.path("args").path("name").asText());
            }
        }
        return threads;
    }

    /** Complete events on one thread nest: each starts after and ends before the one it starts in. */
    private static void nest(String where, List<JsonNode> slices) {
        List<JsonNode> sorted = new ArrayList<>(slices);
        sorted.sort(Comparator.comparingLong((JsonNode e) -> e.get("ts").asLong())
                .thenComparing(e -> -e.get("dur").asLong()));
        Deque<long[]> open = new ArrayDeque<>();
        for (JsonNode e : sorted) {
            long start = e.get("ts").asLong();
            long end = start + e.get("dur").asLong();
            while (!open.isEmpty() && open.peek()[1] <= start) {
                open.pop();
            }
            if (!open.isEmpty()) {
                assertTrue(end <= open.peek()[1], where + ": " + e + " overlaps the slice it starts in without nesting");
            }
            open.push(new long[] {start, end});
        }
    }

    private static String text(JsonNode e, String field) {
        JsonNode n = e.get(field);
        return n == null ? null : n.asText();
    }
}
