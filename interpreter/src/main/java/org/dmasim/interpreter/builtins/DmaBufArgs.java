package org.dmasim.interpreter.builtins;

import org.dmasim.engine.dmabuf.Attachment;
import org.dmasim.engine.dmabuf.DmaBuf;
import org.dmasim.engine.dmabuf.GemObject;
import org.dmasim.engine.dmabuf.IosysMap;
import org.dmasim.engine.dmabuf.Ret;
import org.dmasim.engine.dmabuf.UserMapping;
import org.dmasim.interpreter.eval.Value;

/** Arguments and results of the dma-buf builtins: the engine's objects as script values. */
final class DmaBufArgs {
    private DmaBufArgs() {
    }

    static Value dmabuf(DmaBuf b) {
        return new Value.Opaque(b, "a dma-buf");
    }

    static Value attachment(Attachment a) {
        return new Value.Opaque(a, "a dma-buf attachment");
    }

    static Value gem(GemObject g) {
        return new Value.Opaque(g, "a GEM object");
    }

    /** The object, or the negative errno as an integer (the script's {@code ERR_PTR}). */
    static <T> Value result(Ret<T> r, java.util.function.Function<T, Value> wrap) {
        return r.failed() ? new Value.Int(r.errno()) : wrap.apply(r.value());
    }

    static DmaBuf dmabuf(Arguments args, String name) {
        if (args.value(name) instanceof Value.Opaque o && o.object() instanceof DmaBuf b) {
            return b;
        }
        throw wrong(args, name, "a dma-buf (from dma_buf_export, dma_heap_alloc or dma_buf_get)");
    }

    static Attachment attachment(Arguments args, String name) {
        if (args.value(name) instanceof Value.Opaque o && o.object() instanceof Attachment a) {
            return a;
        }
        throw wrong(args, name, "an attachment (from dma_buf_attach or dma_buf_dynamic_attach)");
    }

    static IosysMap iosysMap(Arguments args, String name) {
        if (args.value(name) instanceof Value.View v && v.view() instanceof IosysMap map) {
            return map;
        }
        throw wrong(args, name, "an iosys_map (from dma_buf_vmap or drm_gem_vmap)");
    }

    static UserMapping userMapping(Arguments args, String name) {
        if (args.value(name) instanceof Value.View v && v.view() instanceof UserMapping u) {
            return u;
        }
        throw wrong(args, name, "a user mapping (from mmap or drm_gem_mmap)");
    }

    static int fd(Arguments args, String name) {
        long fd = args.integer(name);
        if (fd < 0 || fd > Integer.MAX_VALUE) {
            throw new CallError(name, "'" + name + "' is " + fd + ", not a file descriptor",
                    "did the call that returned it fail? (a negative value is an errno)");
        }
        return (int) fd;
    }

    private static CallError wrong(Arguments args, String name, String expected) {
        Value v = args.value(name);
        String hint = v instanceof Value.Int i && i.value() < 0
                ? "it is an errno (" + i.value() + "): the call that returned it failed"
                : v instanceof Value.Null ? "it is null: did an earlier call fail?" : null;
        return new CallError(name, "'" + name + "' must be " + expected + ", not " + v.typeName(), hint);
    }
}
