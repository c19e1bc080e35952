package org.dmasim.engine.check;

/** An error fails a run unless an {@code expect report} block expects it; a warning never does. */
public enum Severity {
    ERROR,
    WARNING;

    public String label() {
        return this == ERROR ? "error" : "warning";
    }
}
