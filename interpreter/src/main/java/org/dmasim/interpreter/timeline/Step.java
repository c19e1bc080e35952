package org.dmasim.interpreter.timeline;

import java.util.List;
import java.util.Map;

/**
 * One statement of the run and the machine after it. {@code line} is 0 for the end of the run
 * (the leak check); {@code kind} sorts the statement for pictures ({@code map}, {@code sync},
 * {@code unmap}, {@code cpu}, {@code device}, {@code other}); {@code buffers} maps each buffer
 * looked at to its state after the statement; {@code touched} names the buffers the statement
 * mentioned or changed; {@code file} names the file when it is not the scenario's own (a REPL
 * entry, {@code #3}), else it is null.
 */
public record Step(int index, String file, int line, int column, String statement, String kind, String actor,
        List<ReadEvent> reads, List<ReportEvent> reports, Map<String, BufferState> buffers, List<String> touched) {
    public Step {
        reads = List.copyOf(reads);
        reports = List.copyOf(reports);
        buffers = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(buffers));
        touched = List.copyOf(touched);
    }

    /** {@code 12:28}, or {@code end} for the end of the run. */
    public String position() {
        return line == 0 ? "end" : (file == null ? "" : file + ":") + line + ":" + column;
    }
}
