package org.dmasim.engine.dmabuf;

/** An engine object the script names by binding it ({@code let buf = ...}); messages use the name. */
public interface Named {
    String label();

    void setLabel(String label);
}
