/**
 * What each step of a run touched: the cache lines (and shadow bytes) it read or wrote and the
 * engine objects (mappings, buffers, fences, ...) whose state it read or changed. An explorer of
 * concurrent executions asks for it to decide which steps of different agents commute; nobody
 * else does, so recording is off unless a step is being watched.
 */
package org.dmasim.engine.footprint;
