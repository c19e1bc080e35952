package org.dmasim.engine.cache;

/**
 * One value a segment of a read may return.
 *
 * @param stale the value differs from the shadow (the latest value written in program order)
 */
public record Alternative(byte[] data, Witness witness, boolean stale) {
}
