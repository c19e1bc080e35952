package org.dmasim.interpreter.builtins;

import java.util.ArrayList;
import java.util.List;
import org.dmasim.engine.dmabuf.DmaBuf;
import org.dmasim.engine.dmabuf.GemObject;
import org.dmasim.engine.sync.DmaFence;
import org.dmasim.engine.sync.DmaResvUsage;
import org.dmasim.engine.sync.SyncFile;
import org.dmasim.interpreter.eval.Value;

/** Arguments and results of the dma_resv and sync_file builtins: fences, sync files, usages. */
final class SyncArgs {
    private SyncArgs() {
    }

    static Value fence(DmaFence f) {
        return new Value.Opaque(f, "a dma_fence");
    }

    static Value fences(List<DmaFence> fences) {
        return new Value.ListValue(fences.stream().map(SyncArgs::fence).toList());
    }

    static Value syncFile(SyncFile sf) {
        return new Value.Opaque(sf, "a sync_file");
    }

    /**
     * The buffer whose reservation object a call uses: a dma-buf, or a GEM object imported from
     * one (drm_prime.c drm_gem_prime_import_dev() sets {@code obj->resv = dma_buf->resv}).
     */
    static DmaBuf resvOwner(Arguments args, String name) {
        if (args.value(name) instanceof Value.Opaque o && o.object() instanceof GemObject g) {
            return g.dmabuf();
        }
        return DmaBufArgs.dmabuf(args, name);
    }

    static DmaResvUsage usage(Arguments args, String name) {
        DmaResvUsage u = DmaResvUsage.of(args.integer(name));
        if (u == null) {
            throw new CallError(name, "'" + name + "' is " + args.integer(name) + ", not a dma_resv_usage",
                    "use DMA_RESV_USAGE_KERNEL, DMA_RESV_USAGE_WRITE, DMA_RESV_USAGE_READ or DMA_RESV_USAGE_BOOKKEEP");
        }
        return u;
    }

    static DmaFence fence(Arguments args, String name) {
        Value v = args.value(name);
        if (v instanceof Value.Opaque o && o.object() instanceof DmaFence f) {
            return f;
        }
        String hint = v instanceof Value.Opaque o && o.object() instanceof SyncFile
                ? "a sync file holds a container fence (dma_resv_add_fence WARNs on dma_fence_is_container); "
                        + "add its fences with dma_buf_import_sync_file"
                : "a job's fence is j.fence; dma_fence_create() makes one the CPU signals";
        throw new CallError(name, "'" + name + "' must be a dma_fence, not " + v.typeName(), hint);
    }

    /** A fence, or a list of fences (the fences of a {@code dma_fence_array}). */
    static List<DmaFence> fenceList(Arguments args, String name) {
        if (!(args.value(name) instanceof Value.ListValue list)) {
            return List.of(fence(args, name));
        }
        List<DmaFence> out = new ArrayList<>();
        for (Value item : list.items()) {
            if (!(item instanceof Value.Opaque o && o.object() instanceof DmaFence f)) {
                throw new CallError(name, "'" + name + "' must hold only dma_fences, not " + item.typeName(), null);
            }
            out.add(f);
        }
        return out;
    }

    static SyncFile syncFile(Arguments args, String name) {
        if (args.value(name) instanceof Value.Opaque o && o.object() instanceof SyncFile sf) {
            return sf;
        }
        throw args.wrongType(name, "a sync_file (from sync_file_create or dma_buf_export_sync_file)");
    }
}
