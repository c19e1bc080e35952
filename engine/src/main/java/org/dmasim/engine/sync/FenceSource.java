package org.dmasim.engine.sync;

import java.util.List;

/**
 * Something a wait or a job's {@code after} list can stand for: a fence, a sync file, the fences
 * of a reservation object. The waiter waits for every fence it names.
 */
public interface FenceSource {
    List<DmaFence> fences();
}
