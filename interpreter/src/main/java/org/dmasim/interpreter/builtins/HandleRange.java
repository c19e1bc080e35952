package org.dmasim.interpreter.builtins;

import org.dmasim.engine.dma.DmaHandle;

/**
 * A DMA handle argument: the handle (null when the script passed a plain bus address), the bus
 * address it stands for, and the byte range a slice names.
 */
public record HandleRange(DmaHandle handle, long address, long offset, long length) {
}
