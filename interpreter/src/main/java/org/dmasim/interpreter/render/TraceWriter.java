package org.dmasim.interpreter.render;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import java.io.IOException;
import java.io.Writer;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.dmasim.interpreter.eval.OutcomeText;
import org.dmasim.interpreter.timeline.BufferState;
import org.dmasim.interpreter.timeline.ReadEvent;
import org.dmasim.interpreter.timeline.ReportEvent;
import org.dmasim.interpreter.timeline.Step;
import org.dmasim.interpreter.timeline.Timeline;

/**
 * A recorded run as Chrome/Perfetto trace-event JSON (the "JSON Object Format" that
 * ui.perfetto.dev and chrome://tracing load): one thread for the CPU and one per device, each
 * statement a slice on the thread of whoever acts, maps, syncs and unmaps as instants on the CPU,
 * reports as instants with their text, per buffer a thread of ownership slices, and with device
 * jobs a thread per job whose slice spans the statements it ran during (in the first execution).
 * Time is program order: statement {@code i} starts at {@code i} milliseconds.
 */
public final class TraceWriter {
    /** Microseconds per statement; a statement's slice takes {@link #BUSY} of them. */
    static final long STEP = 1000;
    static final long BUSY = 800;
    private static final int PID = 1;
    private static final int CPU = 1;
    private static final int OWNERSHIP_TIDS = 1000;
    private static final JsonFactory FACTORY = new JsonFactory();

    private final Timeline timeline;
    private final Map<String, Integer> tids = new LinkedHashMap<>();
    private final List<Track> extra = new ArrayList<>();

    /** A further slice track drawn from outside the timeline (device jobs): its name and slices. */
    public record Track(String name, List<Slice> slices) {
    }

    /** A slice on a track, from step {@code first} to the end of step {@code last}. */
    public record Slice(String name, int first, int last, Map<String, String> args) {
    }

    public TraceWriter(Timeline timeline) {
        this.timeline = timeline;
        tids.put("cpu", CPU);
        for (String d : timeline.devices()) {
            tids.put(d, tids.size() + 1);
        }
        if (!timeline.executions().isEmpty()) {
            jobs(timeline.executions().get(0).schedule());
        }
    }

    /**
     * The device jobs of the execution shown (the first), a track each: a slice from the statement
     * during which the job took its first step to the one during which it took its last. A CPU step
     * ({@code cpu 14:14}) moves to the statement holding that position; a job's step happens during
     * the statement the CPU is at.
     */
    private void jobs(List<String> schedule) {
        Map<String, int[]> spans = new LinkedHashMap<>();
        Map<String, Integer> count = new LinkedHashMap<>();
        int at = 0;
        List<Step> steps = timeline.steps();
        for (String step : schedule) {
            int space = step.indexOf(' ');
            String agent = space < 0 ? step : step.substring(0, space);
            String where = space < 0 ? "" : step.substring(space + 1);
            if (agent.equals("cpu")) {
                at = statementAt(steps, at, where);
                continue;
            }
            int now = at;
            spans.computeIfAbsent(agent, a -> new int[] {now, now})[1] = now;
            count.merge(agent, 1, Integer::sum);
        }
        spans.forEach((agent, span) -> extra.add(new Track(
                (timeline.devices().contains(agent) ? "device " + agent + ": job" : "job " + agent),
                List.of(new Slice(agent, span[0], span[1], Map.of("steps", String.valueOf(count.get(agent)),
                        "execution", "1 of " + timeline.executionCount()))))));
    }

    /** Adds a track of slices (one device job after another), drawn after the devices. */
    public TraceWriter with(Track track) {
        extra.add(track);
        return this;
    }

    /**
     * The statement from step {@code from} on that holds {@code where} ({@code 14:14}, inside
     * {@code let render = async gpu} at 14:1), or {@code from} when none does.
     */
    private static int statementAt(List<Step> steps, int from, String where) {
        String[] at = where.split(":");
        if (at.length != 2 || !at[0].matches("\\d+") || !at[1].matches("\\d+")) {
            return from;
        }
        int line = Integer.parseInt(at[0]);
        int column = Integer.parseInt(at[1]);
        for (int i = from; i < steps.size(); i++) {
            Step s = steps.get(i);
            if (s.file() == null && s.line() == line && s.column() <= column) {
                return i;
            }
        }
        return from;
    }

    public void write(Writer out) throws IOException {
        try (JsonGenerator g = FACTORY.createGenerator(out)) {
            g.writeStartObject();
            g.writeStringField("displayTimeUnit", "ms");
            g.writeObjectFieldStart("otherData");
            g.writeStringField("scenario", timeline.name());
            g.writeStringField("time", "program order: statement i starts at i ms");
            g.writeEndObject();
            g.writeArrayFieldStart("traceEvents");
            metadata(g, "process_name", 0, "dmasim " + timeline.name());
            tids.forEach((name, tid) -> thread(g, tid, name.equals("cpu") ? "CPU" : "device " + name));
            List<Timeline.Buffer> buffers = timeline.buffers();
            for (int b = 0; b < buffers.size(); b++) {
                thread(g, OWNERSHIP_TIDS + b, "owner of " + buffers.get(b).name());
            }
            for (int t = 0; t < extra.size(); t++) {
                thread(g, OWNERSHIP_TIDS / 2 + t, extra.get(t).name());
            }
            for (Step s : timeline.steps()) {
                step(g, s);
            }
            for (int b = 0; b < buffers.size(); b++) {
                ownership(g, buffers.get(b).name(), OWNERSHIP_TIDS + b);
            }
            for (int t = 0; t < extra.size(); t++) {
                for (Slice s : extra.get(t).slices()) {
                    slice(g, OWNERSHIP_TIDS / 2 + t, s.name(), "job", s.first() * STEP,
                            (s.last() - s.first()) * STEP + BUSY, s.args());
                }
            }
            g.writeEndArray();
            g.writeEndObject();
        }
    }

    private void step(JsonGenerator g, Step s) throws IOException {
        int tid = tids.getOrDefault(s.actor(), CPU);
        long ts = s.index() * STEP;
        Map<String, String> args = new LinkedHashMap<>();
        args.put("at", s.position());
        args.put("kind", s.kind());
        int r = 0;
        for (ReadEvent read : s.reads()) {
            List<String> values = new ArrayList<>();
            for (OutcomeText.Line l : read.outcomes()) {
                values.add((l.range() == null ? "" : "[" + l.range() + "] ") + l.value() + (l.stale() ? " (stale)" : "")
                        + " <- " + l.witness());
            }
            args.put("read " + (++r), read.source() + ": " + String.join(" | ", values));
        }
        slice(g, tid, s.statement(), "statement", ts, BUSY, args);
        if (List.of("map", "sync", "unmap").contains(s.kind())) {
            instant(g, CPU, s.kind(), s.kind(), ts + 1, Map.of("at", s.position(), "call", s.statement()));
        }
        for (ReportEvent rep : s.reports()) {
            Map<String, String> a = new LinkedHashMap<>();
            a.put("at", s.position());
            a.put("message", rep.message());
            a.put("severity", rep.severity());
            if (rep.expected()) {
                a.put("expected", "by an expect report block");
            }
            for (int w = 0; w < rep.witnesses().size(); w++) {
                a.put("witness " + (w + 1), rep.witnesses().get(w));
            }
            instant(g, tid, rep.severity() + " " + rep.code(), "report", ts + BUSY - 1, a);
        }
    }

    /** One slice per stretch of steps with the same owner, from the end of the statement that gave it. */
    private void ownership(JsonGenerator g, String buffer, int tid) throws IOException {
        String owner = null;
        Step since = null;
        for (Step s : timeline.steps()) {
            BufferState state = s.buffers().get(buffer);
            String now = state == null ? null : state.owner();
            if (now != null && now.equals(owner)) {
                continue;
            }
            if (owner != null) {
                ownerSlice(g, tid, owner, since, s);
            }
            owner = now;
            since = s;
        }
        if (owner != null) {
            ownerSlice(g, tid, owner, since, null);
        }
    }

    private void ownerSlice(JsonGenerator g, int tid, String owner, Step from, Step to) throws IOException {
        if (owner.equals("none")) {
            return;
        }
        long start = from.index() * STEP + BUSY;
        long end = to == null ? timeline.steps().size() * STEP : to.index() * STEP + BUSY;
        slice(g, tid, owner, "ownership", start, end - start, Map.of("since", from.position()));
    }

    private static void metadata(JsonGenerator g, String name, int tid, String value) {
        try {
            g.writeStartObject();
            g.writeStringField("name", name);
            g.writeStringField("ph", "M");
            g.writeNumberField("pid", PID);
            g.writeNumberField("tid", tid);
            g.writeObjectFieldStart("args");
            g.writeStringField("name", value);
            g.writeEndObject();
            g.writeEndObject();
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static void thread(JsonGenerator g, int tid, String name) {
        metadata(g, "thread_name", tid, name);
        try {
            g.writeStartObject();
            g.writeStringField("name", "thread_sort_index");
            g.writeStringField("ph", "M");
            g.writeNumberField("pid", PID);
            g.writeNumberField("tid", tid);
            g.writeObjectFieldStart("args");
            g.writeNumberField("sort_index", tid);
            g.writeEndObject();
            g.writeEndObject();
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static void slice(JsonGenerator g, int tid, String name, String cat, long ts, long dur,
            Map<String, String> args) throws IOException {
        g.writeStartObject();
        g.writeStringField("name", name);
        g.writeStringField("cat", cat);
        g.writeStringField("ph", "X");
        g.writeNumberField("ts", ts);
        g.writeNumberField("dur", dur);
        g.writeNumberField("pid", PID);
        g.writeNumberField("tid", tid);
        args(g, args);
        g.writeEndObject();
    }

    private static void instant(JsonGenerator g, int tid, String name, String cat, long ts, Map<String, String> args)
            throws IOException {
        g.writeStartObject();
        g.writeStringField("name", name);
        g.writeStringField("cat", cat);
        g.writeStringField("ph", "i");
        g.writeStringField("s", "t");
        g.writeNumberField("ts", ts);
        g.writeNumberField("pid", PID);
        g.writeNumberField("tid", tid);
        args(g, args);
        g.writeEndObject();
    }

    private static void args(JsonGenerator g, Map<String, String> args) throws IOException {
        g.writeObjectFieldStart("args");
        for (Map.Entry<String, String> a : args.entrySet()) {
            g.writeStringField(a.getKey(), a.getValue());
        }
        g.writeEndObject();
    }
}
