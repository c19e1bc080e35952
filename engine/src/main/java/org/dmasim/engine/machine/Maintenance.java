package org.dmasim.engine.machine;

/** The three cache maintenance primitives an arch combines (arch/arc/mm/dma.c table), and none. */
public enum Maintenance {
    NONE,
    CLEAN,
    INVALIDATE,
    CLEAN_INVALIDATE
}
