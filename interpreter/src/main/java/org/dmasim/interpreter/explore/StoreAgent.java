package org.dmasim.interpreter.explore;

import java.util.List;
import org.dmasim.engine.footprint.Footprint;
import org.dmasim.engine.memory.CpuView;
import org.dmasim.interpreter.eval.SourceSite;

/**
 * A CPU store waiting in the store buffer (docs/concurrency.md, "Ordering"): the CPU went on after
 * issuing it; its one step performs it, making it visible to devices. It may drain once every store
 * it must follow has: an earlier store to the same bytes, every earlier store across a store barrier,
 * and on a TSO arch every earlier store.
 */
final class StoreAgent extends Agent {
    final SourceSite site;
    final CpuView view;
    final long offset;
    final long length;
    final Runnable perform;
    final List<StoreAgent> after;
    /** How many store barriers the CPU had passed when it issued the store. */
    final int epoch;
    /** Written by the CPU's event that issued it, waited for by its step. */
    final Footprint.Token issued;
    /** Written by its step: what waits for the store to drain waits for this. */
    final Footprint.Token performed;
    boolean done;

    StoreAgent(int id, SourceSite site, CpuView view, long offset, long length, Runnable perform,
            List<StoreAgent> after, int epoch) {
        super(id);
        this.site = site;
        this.view = view;
        this.offset = offset;
        this.length = length;
        this.perform = perform;
        this.after = List.copyOf(after);
        this.epoch = epoch;
        this.issued = new Footprint.Token("the CPU's store at " + where() + " issued");
        this.performed = new Footprint.Token("the CPU's store at " + where());
    }

    String where() {
        return site.line() + ":" + site.column();
    }

    boolean overlaps(CpuView v, long off, long len) {
        return v == view && off < offset + length && offset < off + len;
    }

    @Override
    String name() {
        return "the CPU's store at " + where();
    }

    @Override
    boolean ready() {
        for (StoreAgent s : after) {
            if (!s.done) {
                return false;
            }
        }
        return true;
    }

    @Override
    boolean finished() {
        return done;
    }

    @Override
    String waitingFor() {
        return "waits for the stores before it to drain";
    }
}
