package org.dmasim.interpreter.lang;

import java.util.List;

/**
 * A property of a {@code device}, {@code machine} or {@code profile} block: its name, what it takes,
 * its default and what it means. Declared once in {@link Properties}; the evaluator checks blocks
 * against it, {@code dmasim check} too, and {@code :help} and the docs print it.
 *
 * @param symbols the bare names it takes ({@code force}, {@code off}), for {@link PropertyType#SYMBOL}
 */
public record Property(String owner, String name, PropertyType type, List<String> symbols, String defaultText,
        String doc) {
    public Property {
        symbols = List.copyOf(symbols);
    }

    /** What the value must be, in words: "an integer", "one of force, off". */
    public String takes() {
        return switch (type) {
            case INT -> "an integer (a size suffix works: 64MiB)";
            case BITS -> "a number of bits, 1..64";
            case BOOL -> "true or false";
            case SYMBOL -> "one of " + String.join(", ", symbols);
            case NAME -> "a name or a string";
            case TABLE -> "a table { DMA_TO_DEVICE: M, DMA_FROM_DEVICE: M, DMA_BIDIRECTIONAL: M } of cache maintenance";
            case ORDERS -> "a table { BARRIER: \"rr rw wr ww\", ... } of what each barrier orders (earlier, later: r"
                    + " a load, w a store)";
        };
    }
}
