package org.dmasim.engine.footprint;

import java.util.Arrays;

/**
 * The recorder of one machine: between {@link #begin()} and {@link #end()} every engine
 * chokepoint (the cache domain, the shadow, the kernel facade) notes what it touched. Outside a
 * recording each hook is one field test, so a run without an explorer pays nothing measurable.
 *
 * <p>Being conservative (noting more) only costs an explorer executions; missing a touch loses
 * interleavings, so the hooks sit where all traffic passes.
 */
public final class Footprint {
    /**
     * The kernel's bookkeeping that no finer object stands for: written by every kernel call the
     * facade does not describe precisely (the dma-buf layer, declarations), read by every device
     * access, whose checks consult that bookkeeping.
     */
    public static final Object KERNEL = new Token("kernel state");

    /** A named object that is only ever a key. */
    public record Token(String name) {
        @Override
        public String toString() {
            return name;
        }
    }

    /**
     * What stands for an engine object in a footprint: made of what never changes about it, so
     * that the same object in two executions of one scenario (each on a fresh machine) has the
     * same key. Objects without such a name share one key per class: more dependence, never less.
     */
    public record Key(String kind, String name, long a, long b) {
        @Override
        public String toString() {
            return kind + (name.isEmpty() ? "" : " " + name) + (a == 0 && b == 0 ? "" : " " + Long.toHexString(a));
        }
    }

    /** The key of {@code o} (see {@link Key}). */
    public static Object key(Object o) {
        return switch (o) {
            case Token t -> t;
            case Key k -> k;
            case org.dmasim.engine.sync.DmaFence f -> new Key("fence", f.origin(), 0, 0);
            case org.dmasim.engine.machine.Device d -> new Key("device", d.name(), 0, 0);
            case org.dmasim.engine.dma.StreamingMapping m -> new Key("mapping", m.device().name(), m.dmaAddress(),
                    m.phys());
            case org.dmasim.engine.dma.CoherentBuffer c -> new Key("coherent", "", c.pages().physBase(), 0);
            case org.dmasim.engine.dma.NoncoherentBuffer c -> new Key("coherent", "", c.pages().physBase(), 0);
            case org.dmasim.engine.dma.CoherentHandle h -> key(h.allocation());
            case org.dmasim.engine.dma.SgTable t -> new Key("sg table", "", t.size(), t.origNents());
            case org.dmasim.engine.memory.PageBuffer b -> new Key("buffer", "", b.physBase(), b.size());
            case org.dmasim.engine.memory.KmallocBuffer b -> new Key("buffer", "", b.physBase(), b.size());
            case org.dmasim.engine.memory.VmallocBuffer b -> new Key("buffer", "", b.physBase(), b.size());
            case org.dmasim.engine.memory.StackBuffer b -> new Key("buffer", "", b.physBase(), b.size());
            case org.dmasim.engine.memory.RodataBuffer b -> new Key("buffer", "", b.physBase(), b.size());
            default -> new Key("object", o.getClass().getSimpleName(), 0, 0);
        };
    }

    private final int lineSize;
    private boolean on;
    private long[] ranges = new long[16];
    private boolean[] rangeWrites = new boolean[8];
    private int rangeCount;
    private Object[] objects = new Object[8];
    private boolean[] objectWrites = new boolean[8];
    private int objectCount;
    private boolean changed;

    /** @param lineSize the cache line size: lines are the unit of memory touches */
    public Footprint(int lineSize) {
        this.lineSize = Math.max(1, lineSize);
    }

    /** Whether a step is being recorded (hooks test this before doing any work). */
    public boolean on() {
        return on;
    }

    /** Starts recording one step; anything recorded before is dropped. */
    public void begin() {
        on = true;
        rangeCount = 0;
        objectCount = 0;
        changed = false;
    }

    /** Stops recording and returns what the step touched. */
    public Touches end() {
        on = false;
        return snapshot();
    }

    /** What has been recorded since {@link #begin()}, recording going on. */
    public Touches snapshot() {
        return new Touches(Arrays.copyOf(ranges, 2 * rangeCount), Arrays.copyOf(rangeWrites, rangeCount),
                Arrays.copyOf(objects, objectCount), Arrays.copyOf(objectWrites, objectCount), changed);
    }

    /**
     * The step read ({@code write} false) or wrote the lines holding {@code [phys, phys+length)}:
     * what the cache does to a line (a fill, a write-allocate, maintenance) involves all of it.
     */
    public void lines(long phys, long length, boolean write) {
        if (!on || length <= 0) {
            return;
        }
        long first = phys - Long.remainderUnsigned(phys, lineSize);
        long end = phys + length - 1;
        long last = end - Long.remainderUnsigned(end, lineSize) + lineSize - 1;
        range(first, last, write);
    }

    /**
     * The step read or wrote exactly the bytes {@code [phys, phys+length)}: DRAM only (an uncached
     * CPU access, a non-coherent device's access) or the shadow, where other bytes of the line are
     * not involved, so accesses to different bytes of one line commute.
     */
    public void bytes(long phys, long length, boolean write) {
        if (!on || length <= 0) {
            return;
        }
        range(phys, phys + length - 1, write);
    }

    /**
     * A write of DRAM's bytes {@code [phys, phys+length)} with the cache left alone: the bytes
     * themselves, and a mark on their lines that only other such writes see. Two of them on one
     * line do not commute even on different bytes: a speculative fill between them may catch the
     * line with one but not the other, and what it caught depends on their order. A read of other
     * bytes of the line commutes with the write.
     */
    public void memoryWrite(long phys, long length) {
        if (!on || length <= 0) {
            return;
        }
        range(phys, phys + length - 1, true);
        long first = phys - Long.remainderUnsigned(phys, lineSize);
        long end = phys + length - 1;
        range(LINE_MARKS + first, LINE_MARKS + end - Long.remainderUnsigned(end, lineSize) + lineSize - 1, true);
    }

    /** Where the marks of {@link #memoryWrite} live: far above any physical address. */
    private static final long LINE_MARKS = 1L << 62;

    private void range(long first, long last, boolean write) {
        // consecutive touches of one run (a read split at pages) extend the last range
        if (rangeCount > 0 && rangeWrites[rangeCount - 1] == write) {
            int at = 2 * (rangeCount - 1);
            if (first <= ranges[at + 1] + 1 && last >= ranges[at] - 1) {
                ranges[at] = Math.min(ranges[at], first);
                ranges[at + 1] = Math.max(ranges[at + 1], last);
                return;
            }
        }
        if (2 * rangeCount == ranges.length) {
            ranges = Arrays.copyOf(ranges, 2 * ranges.length);
            rangeWrites = Arrays.copyOf(rangeWrites, 2 * rangeWrites.length);
        }
        ranges[2 * rangeCount] = first;
        ranges[2 * rangeCount + 1] = last;
        rangeWrites[rangeCount++] = write;
    }

    /** The step read ({@code write} false) or changed the state of an engine object. */
    public void object(Object o, boolean write) {
        if (!on || o == null) {
            return;
        }
        o = key(o);
        for (int i = 0; i < objectCount; i++) {
            if (objects[i].equals(o)) {
                objectWrites[i] |= write;
                return;
            }
        }
        if (objectCount == objects.length) {
            objects = Arrays.copyOf(objects, 2 * objects.length);
            objectWrites = Arrays.copyOf(objectWrites, 2 * objectWrites.length);
        }
        objects[objectCount] = o;
        objectWrites[objectCount++] = write;
    }

    /**
     * The step changed state that no other agent can observe but that makes repeating it differ
     * (a CPU read that filled a line no speculation would have filled).
     */
    public void changed() {
        if (on) {
            changed = true;
        }
    }
}
