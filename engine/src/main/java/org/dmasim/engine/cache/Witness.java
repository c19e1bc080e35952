package org.dmasim.engine.cache;

/**
 * The short chain of events that produces one outcome of a read, already rendered with the
 * caller's sites, e.g. {@code device write at 10:1} or
 * {@code cache line filled by speculative prefetch after 7:1, never invalidated}.
 */
public record Witness(String text) {
    @Override
    public String toString() {
        return text;
    }
}
