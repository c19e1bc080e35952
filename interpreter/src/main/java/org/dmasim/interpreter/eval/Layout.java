package org.dmasim.interpreter.eval;

import java.util.List;
import org.dmasim.interpreter.builtins.BuiltinRegistry;

/**
 * The names one scope of a program declares ({@code let}, {@code fn}, parameters, a loop's
 * variable), each with its slot: an {@link Environment} opened for the scope holds their values
 * in an array, in this order. One object per scope of the source, told apart by identity.
 */
final class Layout {
    private final String[] names;
    /** A bit per name (by its hash), as {@link Environment} filters look-ups with. */
    private final long bits;
    /** Whether a name here is also a builtin's or a constant's. */
    private final boolean shadowsRegistry;

    Layout(List<String> names) {
        this.names = names.toArray(String[]::new);
        long b = 0;
        boolean shadows = false;
        for (String n : this.names) {
            b |= Environment.bit(n);
            shadows |= BuiltinRegistry.standard().binds(n);
        }
        this.bits = b;
        this.shadowsRegistry = shadows;
    }

    int size() {
        return names.length;
    }

    String name(int slot) {
        return names[slot];
    }

    /** The slot of {@code name}, or -1. */
    int indexOf(String name) {
        for (int i = 0; i < names.length; i++) {
            if (names[i].equals(name)) {
                return i;
            }
        }
        return -1;
    }

    long bits() {
        return bits;
    }

    boolean shadowsRegistry() {
        return shadowsRegistry;
    }
}
