package org.dmasim.engine.cache;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.Function;
import java.util.function.LongPredicate;
import org.dmasim.engine.Pulse;
import org.dmasim.engine.Site;
import org.dmasim.engine.footprint.Footprint;
import org.dmasim.engine.machine.Maintenance;
import org.dmasim.engine.memory.MemoryBudget;
import org.dmasim.engine.memory.SparseBytes;

/**
 * The one CPU cache domain and DRAM under it (docs/semantics.md, "The CPU cache"): for every line the set of
 * configurations the hardware could be in, kept closed under the spontaneous events (write-back,
 * eviction, speculative fill). {@link LineStore} keeps each line in its cheapest exact form
 * (deterministic, dirty, stale clean, explicit); the common forms are handled a page or a whole
 * range at a time with array copies, anything else goes through {@link LineConfigs} one line at a
 * time. Addresses are physical; views and handles are resolved by the caller.
 */
public final class CacheDomain {
    /** The shadow's bytes for a physical range (the caller maps bounce slots to originals). */
    public interface Shadow {
        byte[] read(long phys, int length);

        /**
         * True when the shadow of {@code [phys, phys+length)} sits at those same addresses (no
         * bounce slot in it), so {@link #matches} and {@link #sharesPages} may be asked instead
         * of reading it out.
         */
        default boolean direct(long phys, int length) {
            return false;
        }

        /** For a {@link #direct} range: whether {@code data[at, at+length)} equals the shadow there. */
        default boolean matches(long phys, byte[] data, int at, int length) {
            return Arrays.equals(data, at, at + length, read(phys, length), 0, length);
        }

        /**
         * For a {@link #direct} range: true when DRAM's bytes are known to be the shadow's
         * without comparing (they share page arrays); false means "compare them".
         */
        default boolean sharesPages(SparseBytes memory, long phys, int length) {
            return false;
        }
    }

    interface Chunk {
        void apply(long from, long to);
    }

    private static final int PAGE = LineStore.PAGE;

    private final int line;
    private final LineStore s;
    private final Maintenance invalEdges;
    private final Shadow shadow;
    private final LineReads reads;
    private final WholeLineStores wholeLines;
    private final Pulse pulse;
    private final Footprint footprint;
    /** The restriction of the logical read in progress ({@link #restrictReads}), or null. */
    private ReadFilter armed;
    /** Maintenance operations run so far: a caller compares two counts to see whether a call did any. */
    private long maintenanceOps;
    /** How many bytes of that logical read earlier {@link #read} calls covered. */
    private long armedBase;

    public CacheDomain(int lineSize, SparseBytes memory, MemoryBudget budget, LongPredicate speculable,
            Maintenance invalEdges, Shadow shadow) {
        this(lineSize, memory, budget, Pulse.NONE, speculable, invalEdges, shadow, null);
    }

    /** @param footprint where each access notes the lines it touched (null: a recorder of its own) */
    public CacheDomain(int lineSize, SparseBytes memory, MemoryBudget budget, Pulse pulse, LongPredicate speculable,
            Maintenance invalEdges, Shadow shadow, Footprint footprint) {
        if (lineSize > PAGE || PAGE % lineSize != 0) {
            throw new IllegalArgumentException("cache lines must divide 4KiB: " + lineSize);
        }
        this.footprint = footprint != null ? footprint : new Footprint(lineSize);
        this.line = lineSize;
        this.s = new LineStore(lineSize, memory, budget, speculable);
        this.invalEdges = invalEdges;
        this.shadow = shadow;
        this.pulse = pulse;
        this.reads = new LineReads(lineSize, s, shadow, pulse);
        this.wholeLines = new WholeLineStores(lineSize, s);
    }

    public int lineSize() {
        return line;
    }

    /** Lines whose configuration set is neither deterministic nor plainly dirty. */
    public int uncertainLines() {
        return s.explicit.size();
    }

    /** Lines a CPU store left dirty (in the closure of Dirty(d)/m). */
    public long dirtyLines() {
        return s.dirtyLines();
    }

    // ---- reads

    /**
     * A read of {@code [phys, phys+length)}: every value it may return, marked stale against the
     * shadow. Under {@link #restrictReads} it is the next piece of the restricted logical read.
     */
    public ReadResult read(AccessKind kind, long phys, int length, String site) {
        if (armed == null) {
            return read(kind, phys, length, site, null);
        }
        ReadFilter piece = armed.shifted(armedBase);
        armedBase += length;
        return read(kind, phys, length, site, piece);
    }

    /**
     * A read restricted by {@code filter} (offsets relative to {@code phys}): on each restricted
     * line only the configurations yielding an allowed value remain, the read returns exactly
     * those values, and the line is closed again after it. Lines are independent, so the
     * configurations kept are exactly those in which the read returns what the filter allows.
     * A filter that excludes every configuration of a line is a caller error.
     */
    public ReadResult read(AccessKind kind, long phys, int length, String site, ReadFilter filter) {
        if (kind == AccessKind.CPU_CACHED || filter != null) {
            requireExplicit(Math.min(lines(phys, length), s.explicit.size() + (filter == null ? 0 : lines(phys, length))));
        }
        if (footprint.on()) {
            if (memoryOnly(kind)) {
                footprint.bytes(phys, length, false);
            } else {
                footprint.lines(phys, length, false);
            }
            if (kind == AccessKind.CPU_CACHED && !s.speculable.test(phys)) {
                // a fill where no speculation would put one: invisible to others, but a state change
                footprint.changed();
            }
        }
        return reads.read(kind, phys, length, site, filter == null || filter.isEmpty() ? null : filter);
    }

    /**
     * Restricts the next logical read, which may reach this domain in several pieces (a view
     * that is not physically contiguous, an sg table): {@code filter}'s offsets are relative to
     * the logical read, and each {@link #read} takes the part after the bytes earlier pieces
     * covered. {@link #endRestriction} ends it.
     */
    public void restrictReads(ReadFilter filter) {
        armed = filter;
        armedBase = 0;
    }

    public void endRestriction() {
        armed = null;
        armedBase = 0;
    }

    private static boolean memoryOnly(AccessKind kind) {
        return kind == AccessKind.CPU_UNCACHED || kind == AccessKind.DEVICE_NONCOHERENT;
    }

    /** The recorder of what accesses touch (the machine's). */
    public Footprint footprint() {
        return footprint;
    }

    // ---- writes

    /**
     * Stores {@code pattern}, repeated from {@code patternStart}, over {@code [phys, phys+length)}.
     * {@code witness} names the write ({@code CPU write at 6:1}).
     */
    public void write(AccessKind kind, long phys, long length, byte[] pattern, long patternStart, String witness,
            String site) {
        requireWrite(kind, phys, length);
        if (memoryOnly(kind)) {
            footprint.memoryWrite(phys, length);
        } else {
            footprint.lines(phys, length, true);
        }
        boolean memoryOnly = kind == AccessKind.CPU_UNCACHED || kind == AccessKind.DEVICE_NONCOHERENT;
        boolean speculating = s.speculable.test(phys);
        long firstLine = phys / line;
        long lastLine = (phys + length - 1) / line;
        if (kind == AccessKind.CPU_CACHED && s.explicit.isEmpty() && !s.anyOverlay(firstLine, lastLine)) {
            // every page would take the storeDirty path below: one call for the whole range
            s.storeDirty(firstLine, lastLine, phys, phys + length, pattern, patternStart);
            s.overlayOrigins.set(phys, phys + length, witness);
            return;
        }
        wholeLines.begin();
        byte[] whole = new byte[line];
        chunks(pulse, phys, length, (a, b) -> {
            long first = a / line;
            long last = (b - 1) / line;
            long start = patternStart + (a - phys);
            // a store over a dirty line is not the closure of one Dirty(d)/m: DRAM may hold
            // either the old memory or the earlier dirty data, so only deterministic lines go fast
            if (!s.hasExplicit(s.pageOf(first))) {
                if (kind == AccessKind.DEVICE_COHERENT) {
                    s.storeCoherent(first, last, a, b, pattern, start);
                    return;
                }
                if (kind == AccessKind.CPU_CACHED && !s.anyOverlay(first, last)) {
                    s.storeDirty(first, last, a, b, pattern, start);
                    return;
                }
                if (memoryOnly && speculating && !s.anyOverlay(first, last)) {
                    s.storeStale(first, last, a, b, pattern, start, site);
                    return;
                }
            }
            for (long l = first; l <= last; l++) {
                long ls = l * line;
                int lo = (int) (Math.max(a, ls) - ls);
                int hi = (int) (Math.min(b, ls + line) - ls);
                long st = start + (ls + lo - a);
                Function<LineConfig, LineConfig> op = switch (kind) {
                    case CPU_CACHED -> c -> LineConfigs.cpuWriteCached(c, lo, hi, pattern, st, witness);
                    case CPU_UNCACHED, DEVICE_NONCOHERENT -> c -> LineConfigs.memoryWrite(c, lo, hi, pattern, st,
                            witness);
                    case DEVICE_COHERENT -> c -> LineConfigs.coherentWrite(c, lo, hi, pattern, st, witness);
                };
                if (hi - lo == line && wholeLines.store(l, kind, lineOf(pattern, st, whole), witness, site, op)) {
                    continue;
                }
                update(l, set -> set.map(op), site);
            }
        });
        // one witness run for the bytes stored (lines that took the slow path got the same one
        // there); the rest of a partly written line keeps its own
        if (kind == AccessKind.CPU_CACHED) {
            s.overlayOrigins.set(phys, phys + length, witness);
        } else {
            s.memOrigins.set(phys, phys + length, witness);
        }
    }

    /** {@code pattern} repeated from {@code start} over one line, in {@code into} (returned). */
    private static byte[] lineOf(byte[] pattern, long start, byte[] into) {
        int p = pattern.length;
        if (p == 1) {
            Arrays.fill(into, pattern[0]);
            return into;
        }
        // a period at a time from the pattern's phase, not a modulo per byte
        int phase = (int) Math.floorMod(start, (long) p);
        for (int i = 0; i < into.length; ) {
            int n = Math.min(into.length - i, p - phase);
            System.arraycopy(pattern, phase, into, i, n);
            i += n;
            phase = 0;
        }
        return into;
    }

    /** Throws (changing nothing) unless a {@link #write} of that range fits the memory budget. */
    public void requireWrite(AccessKind kind, long phys, long length) {
        s.budget.require(writeNeeds(kind, phys, length), () -> "a " + org.dmasim.engine.Units.size(length) + " write");
    }

    /** The bytes a {@link #write} of that range may add (explicit lines, overlay and DRAM pages), at most. */
    public long writeNeeds(AccessKind kind, long phys, long length) {
        boolean memoryOnly = kind == AccessKind.CPU_UNCACHED || kind == AccessKind.DEVICE_NONCOHERENT;
        long lines = lines(phys, length);
        // the lines a write can make explicit: those explicit, dirty or stale already, and for a
        // write past the cache those the CPU may hold where no prefetch reaches (mayBeCached). It
        // charged every line of such a write: a GPU filling 256 MiB of its VRAM needed 5.8 GiB
        long held = s.explicit.size() + s.dirtyLines() + s.staleLines();
        long need = explicitBytes(Math.min(lines, memoryOnly ? held + s.mayBeCached.size() : held));
        if (kind != AccessKind.DEVICE_COHERENT) {
            need = addCapped(need, s.overlay.missing(phys, length));
        }
        if (kind != AccessKind.CPU_CACHED) {
            need = addCapped(need, s.memory.missing(phys, length));
        }
        return need;
    }

    /**
     * At most what a write of {@code length} bytes anywhere may add, with the zeroing or
     * maintenance of the same range before it: {@link #writeNeeds} of any range that long, plus
     * its DRAM, overlay and shadow pages. A bound for a call that must check before it knows
     * where it writes (a dma_pool_alloc that first allocates the page it then poisons).
     */
    public long writeBound(long length) {
        long pages = length / PAGE + 2;
        return addCapped(explicitBytes(length / line + 2), pages > Long.MAX_VALUE / (3L * PAGE) ? Long.MAX_VALUE
                : 3L * PAGE * pages);
    }

    /** {@code a + b}, or Long.MAX_VALUE when that overflows (so a check fails instead of passing). */
    public static long addCapped(long a, long b) {
        return a > Long.MAX_VALUE - b ? Long.MAX_VALUE : a + b;
    }

    /** The zeroing of a new allocation: DRAM is zero, the cache holds nothing dirty. */
    public void zero(long phys, long length, String witness) {
        footprint.lines(phys, length, true);
        long first = phys / line;
        long last = (phys + length - 1) / line;
        if (s.explicit.size() < last - first + 1) {
            for (long l : s.explicit.keys()) {
                if (l >= first && l <= last) {
                    s.forget(l);
                }
            }
        } else {
            for (long l = first; l <= last; l++) {
                beatEvery(l);
                if (s.explicit.contains(l)) {
                    s.forget(l);
                }
            }
        }
        s.setDirtyRange(first, last, false);
        s.setStaleRange(first, last, false);
        s.mayBeCached.removeIf(l -> l >= first && l <= last);
        s.memory.zero(first * line, (last - first + 1) * line);
        s.overlay.zero(first * line, (last - first + 1) * line);
        s.memOrigins.set(first * line, (last + 1) * line, witness);
    }

    private static final byte[] ZERO = {0};

    /**
     * The zeroing of a newly allocated range by its new owner, through a mapping of {@code kind}:
     * {@code clear_page()} / {@code memset()} on the cacheable linear map (CPU_CACHED: the zeroes
     * sit in dirty lines while DRAM still holds the previous owner's data, which an uncached or
     * write-combined reader and a non-snooping device see until the lines are cleaned), or a
     * memset through an uncached remap (CPU_UNCACHED, dma_direct_alloc on a non-coherent device).
     * Where DRAM already holds zeros under deterministic lines nothing observable changes and the
     * lines stay deterministic (fresh memory costs nothing).
     */
    public void zeroForNewOwner(AccessKind kind, long phys, long length, String witness, String site) {
        // fresh pages cost little each: a beat per 64 of them, as for single lines; a run of them
        // gets its witness at once (one interval, not an interval map update per page)
        long[] fresh = {phys, phys};
        chunks(Pulse.NONE, phys, length, (a, b) -> {
            long first = a / line;
            long last = (b - 1) / line;
            beatEvery(a / PAGE);
            if (!s.hasExplicit(s.pageOf(first)) && !s.anyOverlay(first, last) && s.memory.isZero(a, b - a)) {
                fresh[1] = b;
                return;
            }
            s.memOrigins.set(fresh[0], fresh[1], witness);
            fresh[0] = b;
            fresh[1] = b;
            markPreviousOwner(a, b);
            write(kind, a, b - a, ZERO, 0, witness, site);
        });
        s.memOrigins.set(fresh[0], fresh[1], witness);
    }

    /**
     * Renames the DRAM witnesses of {@code [from, to)} as the previous owner's data, so an outcome
     * that shows it reads "the previous owner's data (CPU write at 12:1)" rather than a write of
     * the buffer's own.
     */
    public void markPreviousOwner(long from, long to) {
        for (long p = from; p < to; ) {
            long e = Math.min(to, s.memOrigins.runEnd(p));
            String w = s.memOrigins.at(p);
            if (!w.equals(Origins.INITIAL) && !w.startsWith(PREVIOUS_OWNER)) {
                s.memOrigins.set(p, e, PREVIOUS_OWNER + w + ")");
            }
            p = e;
        }
    }

    /** How {@link #markPreviousOwner} names data a freed allocation left in DRAM. */
    public static final String PREVIOUS_OWNER = "the previous owner's data (";

    /**
     * A CPU memcpy through the cache (swiotlb bounces): a cached read of the source, then a
     * cached write of each value it may return. An uncertain source makes the destination
     * uncertain; correlations between lines are lost (an over-approximation).
     */
    /**
     * Throws (changing nothing) unless a {@link #copy} of {@code length} bytes fits the memory budget
     * wherever it lands: for callers that must check before choosing the destination (a bounce slot).
     */
    public void requireCopy(long length) {
        long lines = length / line + 2;
        requireExplicit(2 * lines);
        s.budget.require((length / PAGE + 2) * PAGE, "a bounce copy");
    }

    /**
     * The bytes a batch of ranges may add at most, for a call that works on them one after another
     * and must check them all before the first (dma_map_sg): maintenance {@code m} over each
     * range, and for each range marked {@code copied} a bounce copy of its length into
     * {@code [copyBase, copyBase+copyBytes)} (the swiotlb pool). The limit on lines that can
     * become uncertain (those already explicit, the dirty ones an invalidate drops, the copies'
     * destination lines) is taken once over the whole batch, not once per range: a table of many
     * small ranges asks no more than one range of the same lines would.
     */
    public long batchNeeds(Maintenance m, long[] phys, long[] lengths, boolean[] copied, long copyBase,
            long copyBytes) {
        long touched = 0;
        long copyLines = 0;
        long copyPages = 0;
        long missing = 0;
        for (int i = 0; i < phys.length; i++) {
            if (lengths[i] <= 0) {
                continue;
            }
            if (m != Maintenance.NONE || copied[i]) {
                touched = addCapped(touched, lines(phys[i], lengths[i])); // maintained, or read by the copy
            }
            if (m != Maintenance.NONE && !copied[i]) {
                missing = addCapped(missing, s.memory.missing(phys[i], lengths[i]));
            }
            if (copied[i]) {
                copyLines = addCapped(copyLines, lengths[i] / line + 2);
                copyPages = addCapped(copyPages, lengths[i] / PAGE + 2);
            }
        }
        // a copy writes only into the pool: no more destination lines or pages than it has
        copyLines = Math.min(copyLines, copyBytes / line + 1);
        long pages = Math.min(copyPages, copyBytes / PAGE + 1) * PAGE;
        // a copy's destination line becomes uncertain only when an invalidate drops it dirty, when
        // its source line may hold several values (explicit or stale clean, each under at most two
        // destination lines) or when a dirty line is written over; otherwise it is plainly dirty
        boolean drops = m == Maintenance.INVALIDATE;
        long copyUncertain = drops ? copyLines : Math.min(copyLines,
                addCapped(2 * (s.explicit.size() + s.staleLines()), s.dirtyLines()));
        long uncertain = Math.min(addCapped(touched, copyLines), addCapped(addCapped(s.explicit.size(), copyUncertain),
                drops ? s.dirtyLines() : 0));
        // the copies back DRAM and cache-line overlay pages of the pool (maintenance there included)
        long copies = copyLines == 0 ? 0 : addCapped(Math.min(pages, s.memory.missing(copyBase, copyBytes)),
                Math.min(pages, s.overlay.missing(copyBase, copyBytes)));
        // maintenance writes DRAM pages only under lines it does not take the fast way (explicit
        // ones) or writes back (dirty ones): at most one page each
        long slow = addCapped(s.explicit.size(), s.dirtyLines());
        missing = Math.min(missing, slow > Long.MAX_VALUE / PAGE ? Long.MAX_VALUE : slow * PAGE);
        return addCapped(addCapped(explicitBytes(uncertain), missing), copies);
    }

    public void copy(long src, long dst, int length, String how, String site) {
        if (length <= 0) {
            return; // a sync of 0 bytes copies nothing (swiotlb_bounce of size 0); mid-line it made an empty pattern
        }
        requireExplicit(2 * lines(dst, length));
        s.memory.requireBacking(dst, length);
        footprint.lines(src, length, false);
        footprint.lines(dst, length, true);
        long end = dst + length;
        for (long l = dst / line; l * line < end; l++) {
            long ls = l * line;
            int lo = (int) Math.max(0, dst - ls);
            int hi = (int) Math.min(line, end - ls);
            // a piece of the copy, never of a restricted logical read
            ReadResult part = read(AccessKind.CPU_CACHED, src + (ls + lo - dst), hi - lo, site, null);
            List<LineValue> values = combinations(part, how);
            update(l, set -> set.flatMap(c -> {
                List<LineConfig> out = new ArrayList<>(values.size());
                for (LineValue v : values) {
                    out.add(LineConfigs.cpuWriteCached(c, lo, hi, v.bytes, v.witness));
                }
                return out;
            }), site);
        }
    }

    // ---- maintenance and forced events

    /** {@code arch_sync_dma_*} primitives over a range; partial edge lines of an invalidate get the profile's rule. */
    public void maintain(Maintenance m, long phys, long length, String site) {
        maintain(m, phys, length, new SiteText(site));
    }

    /**
     * {@link #maintain(Maintenance, long, long, String)} at a caller's site, formatted only when a
     * line's witness names it (the bulk case names nobody: most maintenance formats nothing).
     */
    public void maintain(Maintenance m, long phys, long length, Site site) {
        if (m != Maintenance.NONE && length > 0) {
            lineOps(m, phys, length, site, true);
            maintenanceOps++;
        }
    }

    /** How many {@code arch_sync_dma_*} operations {@link #maintain} ran (ordering: they may end in a barrier). */
    public long maintenanceOps() {
        return maintenanceOps;
    }

    /** Forced eviction: every configuration's line becomes Invalid, dirty data written back. */
    public void evict(long phys, long length, String site) {
        lineOps(Maintenance.CLEAN_INVALIDATE, phys, length, new SiteText(site), false);
    }

    /** Forced write-back of dirty lines. */
    public void writeback(long phys, long length, String site) {
        lineOps(Maintenance.CLEAN, phys, length, new SiteText(site), false);
    }

    /** Forced fill of Invalid lines. */
    public void prefetch(long phys, long length, String site) {
        requireExplicit(Math.min(lines(phys, length), s.explicit.size()));
        footprint.lines(phys, length, true);
        long end = phys + length;
        for (long l = phys / line; l * line < end; l++) {
            beatEvery(l);
            if (s.explicit.contains(l)) {
                update(l, set -> set.map(c -> LineConfigs.prefetch(c, site)), site);
            } else if (!s.isDirty(l) && !s.speculable.test(l * line)) {
                s.mayBeCached.add(l);
            }
        }
    }

    /** Throws (changing nothing) unless maintenance {@code m} over the range fits the memory budget. */
    public void requireMaintain(Maintenance m, long phys, long length) {
        if (m == Maintenance.NONE || length <= 0) {
            return;
        }
        long lines = lines(phys, length);
        s.budget.require(addCapped(explicitBytes(Math.min(lines, s.explicit.size()
                + (m == Maintenance.INVALIDATE ? s.dirtyLines() : 0))), s.memory.missing(phys, length)),
                () -> "cache maintenance of " + org.dmasim.engine.Units.size(length));
    }

    /** A site the caller already formatted. */
    private record SiteText(String text) implements Site {
        @Override
        public String toString() {
            return text;
        }
    }

    private void lineOps(Maintenance m, long phys, long length, Site where, boolean edges) {
        requireMaintain(m, phys, length);
        footprint.lines(phys, length, true);
        long end = phys + length;
        long first = phys / line;
        long last = (end - 1) / line;
        // the bulk case: no explicit line in the range, nothing dirty an invalidate would drop
        if (s.explicit.isEmpty() && (m != Maintenance.INVALIDATE || !s.anyDirty(first, last))) {
            for (long l : new long[] {first, last}) {
                long ls = l * line;
                boolean whole = ls >= phys && ls + line <= end;
                fastLineOp(edges && m == Maintenance.INVALIDATE && !whole ? edgeRule() : m, l);
            }
            if (last - first > 1) {
                fastLineOps(m, first + 1, last - 1);
            }
            if (m != Maintenance.INVALIDATE) {
                s.writeBackRuns(first, last, m == Maintenance.CLEAN);
            }
            s.dropOverlayPages(first, last);
            return;
        }
        String site = where.toString();
        chunks(pulse, phys, length, (a, b) -> {
            long f = a / line;
            long l2 = (b - 1) / line;
            boolean fast = !s.hasExplicit(s.pageOf(f)) && (m != Maintenance.INVALIDATE || !s.anyDirty(f, l2));
            for (long l = f; l <= l2; l++) {
                long ls = l * line;
                boolean whole = ls >= phys && ls + line <= end;
                Maintenance op = edges && m == Maintenance.INVALIDATE && !whole ? edgeRule() : m;
                if (fast) {
                    fastLineOp(op, l);
                } else {
                    update(l, set -> set.map(switch (op) {
                        case CLEAN -> c -> LineConfigs.clean(c, site);
                        case INVALIDATE -> LineConfigs::invalidate;
                        case CLEAN_INVALIDATE -> c -> LineConfigs.cleanInvalidate(c, site);
                        case NONE -> c -> c;
                    }), site);
                }
            }
            if (fast && m != Maintenance.INVALIDATE) {
                s.writeBackRuns(f, l2, m == Maintenance.CLEAN);
            }
            if (fast) {
                s.dropOverlayPages(f, l2);
            }
        });
    }

    /** {@link #fastLineOp} over whole lines, a word of bits at a time. */
    private void fastLineOps(Maintenance op, long first, long last) {
        if (op == Maintenance.CLEAN || op == Maintenance.NONE) {
            return;
        }
        s.setStaleRange(first, last, false);
        if (!s.mayBeCached.isEmpty()) {
            for (long l = first; l <= last; l++) {
                beatEvery(l);
                s.mayBeCached.remove(l);
            }
        }
    }

    /** A maintenance op on a deterministic line, or (not an invalidate) a dirty one (written back after). */
    private void fastLineOp(Maintenance op, long l) {
        boolean keepsCached = op == Maintenance.CLEAN || op == Maintenance.NONE;
        if (!keepsCached) {
            // an invalidate drops a stale clean line: only DRAM's bytes remain
            if (s.isStale(l)) {
                s.setStaleRange(l, l, false);
            }
            if (!s.mayBeCached.isEmpty()) {
                s.mayBeCached.remove(l);
            }
        }
    }

    // ---- questions the checker asks

    /**
     * Whether {@code maintain(m, ...)} would discard dirty data that is the latest value of some
     * byte (the shadow) while DRAM holds something else there: a lost CPU write.
     */
    public boolean wouldDiscardLatest(Maintenance m, long phys, long length) {
        footprint.lines(phys, length, false);
        if (m != Maintenance.INVALIDATE || (s.explicit.isEmpty() && s.dirtyLines() == 0)) {
            return false;
        }
        long end = phys + length;
        for (long l = phys / line; l * line < end; l++) {
            beatEvery(l);
            long ls = l * line;
            boolean whole = ls >= phys && ls + line <= end;
            if ((!s.explicit.contains(l) && !s.isDirty(l)) || (!whole && edgeRule() != Maintenance.INVALIDATE)) {
                continue;
            }
            byte[] latest = shadow.read(ls, line);
            for (LineConfig c : s.materialize(l, "").configs()) {
                if (c.state() == CacheState.DIRTY) {
                    for (int i = 0; i < line; i++) {
                        if (c.cache().bytes[i] == latest[i] && c.memory().bytes[i] != latest[i]) {
                            return true;
                        }
                    }
                }
            }
        }
        return false;
    }

    /** Some configuration holds a line of the range dirty (a device write under it may be undone). */
    public boolean mayHoldDirty(long phys, long length) {
        footprint.lines(phys, length, false);
        if (s.explicit.isEmpty() && s.dirtyLines() == 0) {
            return false;
        }
        long first = phys / line;
        long last = (phys + length - 1) / line;
        if (s.anyDirty(first, last)) {
            return true;
        }
        for (long l = first; l <= last; l++) {
            beatEvery(l);
            byte[] data = s.explicit.data(l);
            if (data != null && s.explicit.shape(data).mayBeDirty) {
                return true;
            }
        }
        return false;
    }

    /** One line per cache line of the range: its configurations, for {@code show()}. */
    public List<String> describe(long phys, long length) {
        footprint.lines(phys, length, false);
        List<String> out = new ArrayList<>();
        long end = phys + length;
        for (long l = phys / line; l * line < end; l++) {
            beatEvery(l);
            out.add(s.explicit.contains(l) || s.isDirty(l) || s.isStale(l) ? s.materialize(l, "now").toString()
                    : "deterministic (" + s.memOrigins.at(l * line) + ")");
        }
        return out;
    }

    /** The configuration set of the line holding {@code phys} (tests look inside). */
    LineConfigs lineConfigs(long phys) {
        return s.materialize(phys / line, "?");
    }

    /** Every configuration of the lines of {@code [phys, phys+length)}, read-only. */
    public List<LineSnapshot> snapshot(long phys, long length) {
        footprint.lines(phys, length, false);
        return LineSnapshot.of(this, phys, length);
    }

    /**
     * For tools that fold equal lines ({@code dmasim run --timeline}): the first line address in
     * {@code (phys, end)} whose configurations or bytes differ from those of the line at
     * {@code phys} (witnesses aside), or {@code end}; found from the compact forms, without
     * building the sets. Lines kept as explicit sets always count as different. Read-only.
     */
    public long endOfEqualLines(long phys, long end) {
        long first = phys / line;
        byte[] a = new byte[line];
        byte[] b = new byte[line];
        for (long l = first + 1; l * line < end; l++) {
            if (!s.sameBytes(first, l, a, b)) {
                return l * line;
            }
        }
        return end;
    }

    /**
     * For the same tools, a page at a time: whether every line of the 4 KiB page holding {@code phys}
     * is in the configurations, with the bytes, of the page's first line (witnesses aside), decided
     * without looking at its lines one by one (an untouched page, a page filled with one pattern).
     * False when unsure. Read-only.
     */
    public boolean uniformPage(long phys) {
        return s.uniformPage(phys / PAGE);
    }

    /** Whether the lines holding {@code a} and {@code b} are in the same configurations with the same bytes (see above). */
    public boolean sameLines(long a, long b) {
        return s.sameBytes(a / line, b / line, new byte[line], new byte[line]);
    }

    // ---- internals

    /** Loops over single lines beat once per 64 lines. */
    private void beatEvery(long l) {
        if ((l & 63) == 0) {
            pulse.beat();
        }
    }

    private Maintenance edgeRule() {
        // NONE and INVALIDATE both mean: the edge line is invalidated like the rest
        return invalEdges == Maintenance.NONE ? Maintenance.INVALIDATE : invalEdges;
    }

    private long lines(long phys, long length) {
        return length <= 0 ? 0 : (phys + length - 1) / line - phys / line + 1;
    }

    /** Check, then act: explicit sets for {@code lines} lines must fit the budget. */
    private void requireExplicit(long lines) {
        s.budget.require(explicitBytes(lines), "uncertain cache lines");
    }

    private long explicitBytes(long lines) {
        long each = LineStore.explicitLineBound(line);
        return lines > Long.MAX_VALUE / each ? Long.MAX_VALUE : lines * each;
    }

    /** Splits a range at 4 KiB page boundaries (lines never straddle them), beating {@code pulse} per page. */
    static void chunks(Pulse pulse, long phys, long length, Chunk chunk) {
        long end = phys + length;
        for (long a = phys; a < end; ) {
            long b = Math.min(end, (a / PAGE + 1) * PAGE);
            pulse.beat();
            chunk.apply(a, b);
            a = b;
        }
    }

    private void update(long l, Function<LineConfigs, LineConfigs> op, String site) {
        s.store(l, op.apply(s.materialize(l, site)).close(s.speculable.test(l * line), "after " + site));
    }

    /** Appends a copy to a witness, keeping the origin and the last step when the chain gets long. */
    private static String chain(String witness, String how) {
        if (witness.contains("; ")) {
            return witness + ", " + how; // several byte ranges' witnesses: no clause to drop
        }
        String[] clauses = witness.split(", ");
        if (clauses.length >= 3) {
            return clauses[0] + ", ..., " + clauses[clauses.length - 1] + ", " + how;
        }
        return witness + ", " + how;
    }

    /**
     * Every full value of a copied range, one per combination of its segments' alternatives; each
     * segment's bytes keep their own witness, with the copy appended.
     */
    private static List<LineValue> combinations(ReadResult part, String how) {
        int n = Math.toIntExact(part.length());
        List<LineValue> acc = List.of(new LineValue(new byte[0], LineWitness.of("")));
        for (Segment seg : part.segments()) {
            List<LineValue> next = new ArrayList<>();
            for (LineValue prefix : acc) {
                for (Alternative a : seg.alternatives()) {
                    int at = prefix.bytes.length;
                    byte[] b = Arrays.copyOf(prefix.bytes, at + a.data().length);
                    System.arraycopy(a.data(), 0, b, at, a.data().length);
                    next.add(new LineValue(b, prefix.witness.with(at, at + a.data().length,
                            chain(a.witness().text(), how), n)));
                }
            }
            acc = next;
        }
        return acc;
    }
}
