/**
 * Completion and implicit synchronisation (drivers/dma-buf/dma-fence.c, dma-resv.c, sync_file.c):
 * fences, reservation objects and sync files as plain state. Waiting is the caller's business:
 * the engine only says whether a fence has signalled.
 */
package org.dmasim.engine.sync;
