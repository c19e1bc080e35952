package org.dmasim.engine.cache;

/** The state of one CPU cache line in one configuration (SEMANTICS.md §2). */
enum CacheState {
    INVALID,
    CLEAN,
    DIRTY
}
