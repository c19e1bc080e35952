package org.dmasim.interpreter.diag;

/** How bad a diagnostic is; the label is what the renderer prints. */
public enum Severity {
    ERROR("error"),
    WARNING("warning");

    private final String label;

    Severity(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }
}
