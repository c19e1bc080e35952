package org.dmasim.engine.cache;

import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * Builds a {@link ReadResult} line by line: consecutive certain pieces with the same witness and
 * staleness merge into one segment; each uncertain line is a segment of its own. Staleness is
 * judged against the shadow bytes of the whole read.
 */
final class SegmentBuilder {
    private final byte[] latest;
    private final List<Segment> segments = new ArrayList<>();
    private int offset;
    private final ByteArrayOutputStream run = new ByteArrayOutputStream();
    private int runStart;
    private String runWitness;
    private boolean runStale;

    SegmentBuilder(byte[] latest) {
        this.latest = latest;
    }

    void certain(byte[] data, String witness) {
        boolean stale = stale(data, offset);
        if (run.size() > 0 && (!witness.equals(runWitness) || stale != runStale)) {
            flush();
        }
        if (run.size() == 0) {
            runStart = offset;
            runWitness = witness;
            runStale = stale;
        }
        run.writeBytes(data);
        offset += data.length;
    }

    void uncertain(Map<LineValue, String> values) {
        flush();
        List<Alternative> alternatives = new ArrayList<>();
        int length = 0;
        for (Map.Entry<LineValue, String> e : values.entrySet()) {
            byte[] data = e.getKey().bytes;
            length = data.length;
            alternatives.add(new Alternative(data, new Witness(e.getValue()), stale(data, offset)));
        }
        segments.add(new Segment(offset, length, alternatives));
        offset += length;
    }

    ReadResult build(long length) {
        flush();
        return new ReadResult(length, segments);
    }

    private void flush() {
        if (run.size() > 0) {
            byte[] data = run.toByteArray();
            segments.add(new Segment(runStart, data.length,
                    List.of(new Alternative(data, new Witness(runWitness), runStale))));
            run.reset();
        }
    }

    private boolean stale(byte[] data, int at) {
        return !Arrays.equals(data, 0, data.length, latest, at, at + data.length);
    }
}
