package org.dmasim.interpreter.lang;

import java.util.Set;
import org.dmasim.interpreter.eval.ValueKind;

/**
 * A field of the objects builtins return ({@code m.dma}, {@code buf.phys}): what has it, its kind of value,
 * the kinds it holds and what it means.
 *
 * @param owner how the docs name what has the field ("a DMA handle")
 * @param kind the kind of value that has it ({@link ValueKind#OPAQUE} for dma-buf objects)
 */
public record Field(String owner, ValueKind kind, String name, Set<ValueKind> type, String doc) {
    public Field {
        type = Set.copyOf(type);
    }

    /** How the docs name what the field holds ("an integer", "a CPU view or null"). */
    public String typeText() {
        return type.stream().sorted(java.util.Comparator.comparing((ValueKind k) -> k == ValueKind.NULL)
                .thenComparing(k -> k)).map(ValueKind::description).reduce((a, b) -> a + " or " + b).orElse("nothing");
    }
}
