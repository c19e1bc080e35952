package org.dmasim.engine.sync;

import java.util.ArrayList;
import java.util.List;
import org.dmasim.engine.dmabuf.Named;

/**
 * {@code struct sync_file} (drivers/dma-buf/sync_file.c): a file that carries one fence to user
 * space, the explicit-synchronisation currency of Vulkan and Wayland. Its fence may be a
 * {@code dma_fence_array}; the model keeps the array's fences (what {@code dma_fence_unwrap}
 * yields), and the sync file has signalled once all of them have. With none it holds the
 * signalled stub fence.
 */
public final class SyncFile implements FenceSource, Named {
    private final List<DmaFence> fences;
    private String label;

    /**
     * sync_file.c sync_file_create(fence): a sync file holding {@code fences} (one fence, or the
     * fences of an array such as {@code dma_resv_get_singleton} makes; none stands for the stub).
     */
    public SyncFile(List<DmaFence> fences, String label) {
        this.fences = List.copyOf(fences);
        this.label = label;
    }

    /**
     * sync_file.c sync_file_merge() -> dma-fence-unwrap.c __dma_fence_unwrap_merge(): the fences
     * of both, without those that have signalled, one per fence context (every fence in the model
     * has its own context, so duplicates of one fence go); none left is the signalled stub.
     */
    public static SyncFile merge(SyncFile a, SyncFile b, String label) {
        List<DmaFence> out = new ArrayList<>();
        for (SyncFile s : List.of(a, b)) {
            for (DmaFence f : s.fences) {
                if (!f.isSignaled() && !out.contains(f)) {
                    out.add(f);
                }
            }
        }
        return new SyncFile(out, label);
    }

    @Override
    public List<DmaFence> fences() {
        return fences;
    }

    /** {@code poll()} returns EPOLLIN: every fence has signalled (a dma_fence_array signals on all). */
    public boolean isSignaled() {
        return fences.stream().allMatch(DmaFence::isSignaled);
    }

    @Override
    public String label() {
        return label;
    }

    @Override
    public void setLabel(String label) {
        this.label = label;
    }

    @Override
    public String toString() {
        return label;
    }
}
