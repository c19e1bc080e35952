package org.dmasim.engine.cache;

import java.util.ArrayList;
import java.util.List;

/**
 * The short chain of events that produces one outcome of a read, already rendered with the
 * caller's sites, e.g. {@code device write at 10:1} or
 * {@code cache line filled by speculative prefetch after 7:1, never invalidated}. When the bytes
 * of one uncertain cache line got there in different ways, {@code parts} holds each byte range's
 * own chain (offsets in the read) and the text names them all:
 * {@code [0..32] device write at 8:1; [32..64] CPU write at 7:1}.
 */
public record Witness(String text, List<Part> parts) {
    /** The chain of events of the read's bytes {@code [from, to)}. */
    public record Part(long from, long to, String text) {
    }

    public Witness {
        parts = List.copyOf(parts);
    }

    public Witness(String text) {
        this(text, List.of());
    }

    /** A witness of several byte ranges, each with its own chain. */
    public static Witness of(List<Part> parts) {
        if (parts.size() == 1) {
            return new Witness(parts.get(0).text());
        }
        List<String> texts = new ArrayList<>(parts.size());
        for (Part p : parts) {
            texts.add("[" + p.from() + ".." + p.to() + "] " + p.text());
        }
        return new Witness(String.join("; ", texts), parts);
    }

    /** The same witness for bytes {@code by} further into a longer read. */
    public Witness shifted(long by) {
        if (parts.isEmpty() || by == 0) {
            return this;
        }
        List<Part> moved = new ArrayList<>(parts.size());
        for (Part p : parts) {
            moved.add(new Part(p.from() + by, p.to() + by, p.text()));
        }
        return of(moved);
    }

    @Override
    public String toString() {
        return text;
    }
}
