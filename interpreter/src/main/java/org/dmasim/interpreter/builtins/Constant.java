package org.dmasim.interpreter.builtins;

import org.dmasim.interpreter.eval.Value;

/** A name the standard library binds to a value ({@code DMA_TO_DEVICE}, {@code GFP_DMA32}, ...). */
public record Constant(String name, String group, Value value, String doc) {
}
