package org.dmasim.engine.dma;

import org.dmasim.engine.cache.AccessKind;
import org.dmasim.engine.cache.ReadResult;
import org.dmasim.engine.machine.Machine;
import org.dmasim.engine.machine.Maintenance;
import org.dmasim.engine.memory.PageBuffer;
import org.dmasim.engine.memory.PageSource;

/** The engine's {@link PageSource}: the page allocator, zeroing and swap data moves of one machine. */
public final class PageSupply implements PageSource {
    private final Machine m;
    private final DirectAlloc alloc;

    public PageSupply(Machine machine, DirectAlloc alloc) {
        this.m = machine;
        this.alloc = alloc;
    }

    @Override
    public long allocate(long bytes, long limit, String witness) {
        PageBuffer p = alloc.allocPages(bytes, limit, witness);
        return p == null ? -1 : p.physBase();
    }

    @Override
    public void free(long phys, long bytes) {
        m.allocator().free(phys, m.allocator().pagesFor(bytes));
    }

    /**
     * Swap-out writes the page from memory after the cache is cleaned (the CPU's data is what
     * reaches the disk); a page with several possible values saves the latest written one.
     */
    @Override
    public byte[] save(long phys, int length) {
        // the swapped page is kept in the heap until it comes back: the budget holds it meanwhile
        m.budget().require(length, "a swapped-out page");
        m.budget().charge(length);
        m.cache().maintain(Maintenance.CLEAN_INVALIDATE, phys, length, "swap-out");
        ReadResult r = m.cache().read(AccessKind.DEVICE_NONCOHERENT, phys, length, "swap-out");
        return r.isCertain() ? r.certainValue() : m.shadowOf(phys, length);
    }

    @Override
    public void restore(long phys, byte[] data, String witness) {
        m.budget().release(data.length);
        // the disk controller DMAs the page in (coherently: the block layer maintains the cache)
        m.cache().write(AccessKind.DEVICE_COHERENT, phys, data.length, data, 0, witness, "swap-in");
        m.shadow().write(phys, data.length, data, 0, witness);
    }

    @Override
    public long freePages() {
        return m.allocator().freePages();
    }

    @Override
    public long freePagesBelow(long limit) {
        return m.allocator().freePagesBelow(limit);
    }

    @Override
    public void recharge(long bytes) {
        m.budget().charge(bytes);
    }

    @Override
    public void onFailure(Runnable step) {
        m.onFailure(step);
    }

    @Override
    public void beat() {
        m.pulse().beat();
    }

    @Override
    public int pageSize() {
        return m.profile().pageSize();
    }
}
