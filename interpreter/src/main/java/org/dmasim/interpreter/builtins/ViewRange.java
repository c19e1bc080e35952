package org.dmasim.interpreter.builtins;

import org.dmasim.engine.memory.CpuView;

/** A CPU view and the byte range of it an argument names ({@code rx} or {@code rx[64..128]}). */
public record ViewRange(CpuView view, long offset, long length) {
}
