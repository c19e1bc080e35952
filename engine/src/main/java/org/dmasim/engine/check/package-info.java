/**
 * The checker: the shadow (latest value in program order), the dma-debug checks of
 * kernel/dma/debug.c with their texts, and reports as data.
 */
package org.dmasim.engine.check;
