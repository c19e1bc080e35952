package org.dmasim.polyglot;

/**
 * Why the host stopped a guest run: the limit reached ({@code timeout}, {@code memory},
 * {@code cancelled}) and the message the run ends with.
 */
record Stop(String limit, String message) {
}
