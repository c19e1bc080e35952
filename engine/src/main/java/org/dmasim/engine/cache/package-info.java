/**
 * The CPU cache outcome model of docs/semantics.md, "The CPU cache": per line, the closed set of configurations the
 * hardware could be in ({@link org.dmasim.engine.cache.CacheDomain}), and the outcome sets reads
 * return ({@link org.dmasim.engine.cache.ReadResult}).
 */
package org.dmasim.engine.cache;
