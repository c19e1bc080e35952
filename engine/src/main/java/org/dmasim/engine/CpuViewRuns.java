package org.dmasim.engine;

import org.dmasim.engine.memory.CpuView;

/** The physically contiguous runs of a range of a CPU view, for the cache events and introspection. */
final class CpuViewRuns {
    interface Run {
        void apply(long phys, long length);
    }

    private CpuViewRuns() {
    }

    /** Calls {@code run} per contiguous run of {@code view[offset, offset+length)}; outside it, a ScriptFault. */
    static void forEach(Pulse pulse, CpuView view, long offset, long length, Run run) {
        if (offset < 0 || length <= 0 || length > view.size() - offset) {
            throw new ScriptFault(Units.range(offset, length) + " is outside " + view.label());
        }
        for (long off = offset; off < offset + length; ) {
            pulse.beat(); // a run of a scattered view may be a single page
            long n = Math.min(view.contiguousFrom(off), offset + length - off);
            run.apply(view.phys(off), n);
            off += n;
        }
    }
}
