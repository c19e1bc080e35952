package org.dmasim.fuzz;

/**
 * A broken invariant: what kind, what was seen, and the program that did it.
 *
 * @param kind a short stable name ({@code internal-error}, {@code overrun}, ...), for tallies
 */
record Finding(String kind, String detail, String program) {
    @Override
    public String toString() {
        return kind + ": " + detail + "\n--- program ---\n" + program;
    }
}
