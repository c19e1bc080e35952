package org.dmasim.engine.cache;

/** The state of one CPU cache line in one configuration (docs/semantics.md, "The CPU cache"). */
enum CacheState {
    INVALID,
    CLEAN,
    DIRTY
}
