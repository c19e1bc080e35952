package org.dmasim.interpreter.timeline;

/**
 * One possible configuration of a cache line: {@code Invalid} (no value: a read goes to DRAM), or
 * {@code Clean}/{@code Dirty} holding {@code value}; what DRAM holds under it in that
 * configuration; {@code stale} when a CPU read in this configuration returns older data than what
 * program order wrote last.
 */
public record LineState(String state, String value, boolean stale, String dram) {
    /** {@code Invalid}, {@code Clean 0x5a}, {@code Dirty 0x00 (stale)}. */
    public String text() {
        return (value == null ? state : state + " " + value) + (stale ? " (stale)" : "");
    }
}
