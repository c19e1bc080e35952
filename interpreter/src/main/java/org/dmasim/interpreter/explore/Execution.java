package org.dmasim.interpreter.explore;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.dmasim.engine.cache.ReadFilter;
import org.dmasim.engine.check.ReportCode;
import org.dmasim.engine.footprint.Footprint;
import org.dmasim.engine.footprint.Touches;
import org.dmasim.engine.cache.ReadResult;
import org.dmasim.engine.dma.CoherentHandle;
import org.dmasim.engine.dma.DmaHandle;
import org.dmasim.engine.machine.MemoryOrdering;
import org.dmasim.engine.memory.CpuView;
import org.dmasim.engine.sync.DmaFence;
import org.dmasim.interpreter.eval.Interpreter;
import org.dmasim.interpreter.eval.JobRun;
import org.dmasim.interpreter.eval.RunListener;
import org.dmasim.interpreter.eval.Scheduler;
import org.dmasim.interpreter.eval.SourceSite;

/**
 * One execution of a scenario: the scheduler its interpreter runs under. At each scheduling
 * point it replays the explorer's path while there is one, then chooses by itself (the CPU
 * first, never an agent in the sleep set) and extends the path. It runs the jobs' steps, records
 * what every step touched, blocks and wakes agents, and notices hangs and jobs that may still use
 * what the CPU frees. A front end builds a fresh interpreter per execution, hands it to
 * {@link #attach}, and sends its events to {@link #listener()}.
 */
public final class Execution implements Scheduler {
    /** Why an execution ended early. */
    static final class Stop extends org.dmasim.interpreter.eval.ExplorationSignal {
        enum Why { REDUNDANT, INFEASIBLE }

        final Why why;

        Stop(Why why) {
            super(why.name());
            this.why = why;
        }
    }

    /** The report log as an object: written by steps that raise reports, read by {@code expect clean}. */
    static final Footprint.Token REPORTS = new Footprint.Token("the report log");

    /** Longer loads (bulk copies) read their bytes at their place in the program. */
    private static final long MAX_ORDERED_LOAD = 64;

    private final List<Choice> path;
    private final boolean reduce;
    private final ExecutionLog log;
    private int cursor;
    private Interpreter in;
    private final Cpu cpu = new Cpu();
    private final List<Agent> agents = new ArrayList<>(List.of(cpu));
    private final List<JobAgent> jobs = new ArrayList<>();
    private final List<Event> events = new ArrayList<>();
    /**
     * The path position after each read, kept only where it changed (reads are numbered from 0
     * and the position only grows): a long run of reads costs nothing.
     */
    private int[] positionFromRead = new int[8];
    private int[] positionFrom = new int[8];
    private int positionChanges;
    private int readsHappened;
    private boolean concurrent;
    private int atomic;
    private JobAgent running;
    /** The event the chosen agent takes now (the CPU's stays open until its next scheduling point). */
    private Event current;
    private Event open;
    /** The open CPU event was begun by a scheduling decision and nothing has happened in it yet. */
    private boolean openFresh;
    private boolean openCall;
    private boolean openObservesReports;
    private int reportsAtOpen;
    /** The targets of running jobs that were not yet released when the open CPU event began. */
    private Map<Object, Boolean> liveTargets = new IdentityHashMap<>();
    private boolean restricted;
    private boolean hung;
    /** The CPU's stores issued and not yet performed, in program order (the store buffer). */
    private final List<StoreAgent> buffered = new ArrayList<>();
    /** Store barriers passed: a store issued after one follows every store issued before it. */
    private int wwEpoch;
    /** The program rings a doorbell with a relaxed write: stores before the first job may still be buffered. */
    private boolean deferBeforeJobs;
    private final List<StoreAgent> beforeJobs = new ArrayList<>();
    /** The doorbell of the async about to start a job. */
    private String doorbell;
    /** Loads out of program order: made when the first job starts on an arch with a relaxed load order. */
    private LoadWindows windows;
    /**
     * The CPU views of the coherent allocations the jobs access: stores to them go through the
     * store buffer. Streaming buffers need a sync (a full barrier) before a device sees them anyway.
     */
    private final Set<CpuView> orderedViews = java.util.Collections.newSetFromMap(new IdentityHashMap<>());
    /** The places of the CPU's loads so far (file, line:col; every iteration of a loop is one place). */
    private final Set<String> loadSites = new java.util.HashSet<>();
    /** When the CPU's last buffered store was performed (on the windows' clock). */
    private int lastDrain;
    /** The read that just happened was restricted to one branch's values: the next logged read is it. */
    private boolean branchPending;
    /** The CPU paused (a REPL entry ended): jobs still blocked then are waiting, not hung. */
    private boolean draining;
    private final List<String> branches = new ArrayList<>();

    /** About the heap one recorded step holds: its event, its scheduling point's sets, its place's text. */
    static final long STEP_BYTES = 1024;

    Execution(List<Choice> path, boolean reduce, RunListener stream) {
        this.path = path;
        this.reduce = reduce;
        this.log = new ExecutionLog(stream, this::context, events::size, this::schedule);
        log.watchReads((site, source, result) -> {
            if (branchPending) {
                branchPending = false;
                branches.add(source + " at " + site + " returned "
                        + org.dmasim.interpreter.eval.OutcomeText.summary(result));
            }
        });
    }

    /**
     * Whether the events from now on are shown (the default) or dropped: a REPL runs its earlier
     * entries again before the new one and shows only what the new one did.
     */
    public void showEvents(boolean on) {
        log.mute(!on);
    }

    /** The steps so far in words, from the first job's start ({@code cpu 13:14}, {@code nic 14:5}). */
    public List<String> schedule() {
        return schedule(events.size());
    }

    /**
     * The reads a branch restricted so far, in order, with what they returned in this execution
     * ({@code cpu reads rx[0..1] at [3]:1:9 returned 0x5a x1}).
     */
    public List<String> branches() {
        return List.copyOf(branches);
    }

    /**
     * Whether the program rings a doorbell with a relaxed write ({@code via writel_relaxed}): then the
     * CPU's stores before the first job stay in its store buffer until something orders them, since
     * that job may read them before they drain. Otherwise they are performed at once, as without jobs.
     */
    public void deferStoresBeforeJobs(boolean on) {
        deferBeforeJobs = on;
    }

    /** Where the execution's interpreter sends its events. */
    public RunListener listener() {
        return log;
    }

    /** The interpreter of this execution (its machine is the one whose steps are recorded). */
    public void attach(Interpreter interpreter) {
        this.in = interpreter;
        log.chargeTo(() -> interpreter.kernel().machine().budget());
    }

    ExecutionLog log() {
        return log;
    }

    List<Event> events() {
        return events;
    }

    int agentCount() {
        return agents.size();
    }

    boolean concurrent() {
        return concurrent;
    }

    boolean hung() {
        return hung;
    }

    /** The length of the path right after the choices that restrict read {@code read}. */
    int positionAfterRead(int read) {
        if (read < 0 || read >= readsHappened) {
            throw new IllegalStateException("read " + read + " did not happen");
        }
        int i = Arrays.binarySearch(positionFromRead, 0, positionChanges, read);
        int at = i >= 0 ? i : -i - 2;
        return at < 0 ? 0 : positionFrom[at];
    }

    private Footprint fp() {
        return in.kernel().machine().footprint();
    }

    // ---- the Scheduler the evaluator calls

    @Override
    public boolean explores() {
        return true;
    }

    @Override
    public void beforeCpuEvent(SourceSite site) {
        if (!concurrent || atomic > 0 || running != null) {
            return;
        }
        if (open != null && openFresh) {
            openFresh = false;
            open.where = "cpu " + at(site);
            stepWords = null;
            return;
        }
        closeOpen();
        schedule(site);
        openFresh = false;
    }

    // ---- the store buffer (docs/concurrency.md, "Ordering")

    private MemoryOrdering ordering() {
        return in.kernel().machine().profile().ordering();
    }

    @Override
    public void cpuStore(SourceSite site, CpuView view, long offset, long length, Runnable perform) {
        if (!concurrent) {
            if (deferBeforeJobs) {
                beforeJobs.add(new StoreAgent(-1, site, view, offset, length, perform, List.of(), wwEpoch));
            } else {
                perform.run();
            }
            return;
        }
        beforeCpuEvent(site);
        if (windows != null) {
            close(windows.closedByStore(view, offset, length));
        }
        if (atomic > 0 || running != null || !orderedViews.contains(view) || (buffered.isEmpty() && !deferBeforeJobs
                && jobs.stream().allMatch(JobAgent::finished))) {
            // nobody can see in which order the CPU's stores drain
            perform.run();
            if (windows != null) {
                lastDrain = windows.clock();
                windows.ownAccess(view, offset, length, lastDrain);
            }
            return;
        }
        issue(site, view, offset, length, perform, wwEpoch);
    }

    /** Puts a store in the buffer, as an agent of its own that performs it. */
    private void issue(SourceSite site, CpuView view, long offset, long length, Runnable perform, int epoch) {
        boolean tso = ordering().storeOrder() == MemoryOrdering.StoreOrder.TSO;
        List<StoreAgent> after = new ArrayList<>();
        for (StoreAgent s : buffered) {
            if (tso || s.epoch < epoch || s.overlaps(view, offset, length)) {
                after.add(s);
            }
        }
        StoreAgent s = new StoreAgent(agents.size(), site, view, offset, length, perform, after, epoch);
        agents.add(s);
        buffered.add(s);
        fp().object(s.issued, true);
    }

    /** Before the first job nobody looks: deferred stores are performed in order at the CPU's next access. */
    private void flushBeforeJobs() {
        if (!beforeJobs.isEmpty()) {
            List<StoreAgent> all = new ArrayList<>(beforeJobs);
            beforeJobs.clear();
            all.forEach(s -> s.perform.run());
        }
    }

    /** A load before the first job: the deferred stores it reads, and those they follow, are performed first. */
    private void flushBeforeJobs(CpuView view, long offset, long length) {
        boolean tso = ordering().storeOrder() == MemoryOrdering.StoreOrder.TSO;
        java.util.Set<StoreAgent> due = java.util.Collections.newSetFromMap(new IdentityHashMap<>());
        for (StoreAgent s : beforeJobs) {
            if (s.overlaps(view, offset, length)) {
                due.add(s);
            }
        }
        boolean grew = !due.isEmpty();
        while (grew) {
            grew = false;
            for (int k = beforeJobs.size() - 1; k >= 0; k--) {
                StoreAgent later = beforeJobs.get(k);
                if (!due.contains(later)) {
                    continue;
                }
                for (int i = 0; i < k; i++) {
                    StoreAgent s = beforeJobs.get(i);
                    if (!due.contains(s) && (tso || s.epoch < later.epoch || s.overlaps(later.view, later.offset,
                            later.length))) {
                        grew |= due.add(s);
                    }
                }
            }
        }
        List<StoreAgent> now = beforeJobs.stream().filter(due::contains).toList();
        beforeJobs.removeIf(due::contains);
        now.forEach(s -> s.perform.run());
    }

    @Override
    public void beforeCpuLoad(CpuView view, long offset, long length, SourceSite site) {
        if (!concurrent) {
            flushBeforeJobs(view, offset, length);
            return;
        }
        if (atomic > 0 || running != null) {
            return;
        }
        // the load reads the CPU's own buffered store: modelled as waiting for it to drain
        List<StoreAgent> mine = buffered.stream().filter(s -> s.overlaps(view, offset, length)).toList();
        awaitStores(mine, site);
    }

    @Override
    public void beforeKernelCall(SourceSite site) {
        if (!concurrent || running != null) {
            flushBeforeJobs();
            return;
        }
        // the DMA API's calls contain barriers or complete cache maintenance with a dsb
        // (arch/arm64/mm/cache.S): the CPU's earlier accesses are performed before the call
        awaitStores(List.copyOf(buffered), site);
        fullBarrier();
    }

    /** Every earlier load is satisfied, and no later load is satisfied before this point. */
    private void fullBarrier() {
        if (windows != null) {
            close(windows.closeAll());
            windows.fullBarrier();
            windows.loadStoreBarrier();
        }
    }

    @Override
    public void barrier(String name, Set<MemoryOrdering.Pair> orders, SourceSite site) {
        if (concurrent && running == null) {
            beforeCpuEvent(site);
        }
        if (orders.contains(MemoryOrdering.Pair.WW)) {
            wwEpoch++;
        }
        if (orders.contains(MemoryOrdering.Pair.WR)) {
            if (!concurrent) {
                flushBeforeJobs();
            } else if (running == null) {
                awaitStores(List.copyOf(buffered), site);
            }
        }
        if (windows != null && orders.contains(MemoryOrdering.Pair.RR)) {
            windows.orderLoads();
        }
        if (windows != null && orders.contains(MemoryOrdering.Pair.WR)) {
            // a later load is satisfied after the earlier stores were performed
            windows.readAfter(lastDrain);
        }
        if (windows != null && orders.contains(MemoryOrdering.Pair.RW)) {
            windows.loadStoreBarrier();
        }
    }

    @Override
    public void doorbell(String via) {
        doorbell = via;
    }

    /**
     * DEVICE_STALE_READ: a job reads bytes of a coherent allocation that a CPU store still in the
     * store buffer writes; it reads what was there before. A read inside an expect only judges.
     */
    @Override
    public void deviceLoaded(DmaHandle handle, long offset, long length, SourceSite site, boolean judged) {
        if (judged || running == null || buffered.isEmpty() || !(handle instanceof CoherentHandle h)
                || h.allocation().cpu() == null) {
            return;
        }
        CpuView view = h.allocation().cpu();
        for (StoreAgent s : buffered) {
            if (!s.overlaps(view, offset, length)) {
                continue;
            }
            // only a reordering makes the old bytes a bug: the store was issued before the job's doorbell
            // (writel_relaxed), or a store issued after it has been performed; otherwise reading them
            // is an interleaving's outcome (the device ran before the CPU's store)
            boolean rung = s.id < running.id;
            boolean overtaken = agents.stream().anyMatch(a -> a instanceof StoreAgent t && t.done && t.id > s.id);
            if (!rung && !overtaken) {
                continue;
            }
            String help = rung ? "ring the doorbell with writel() (async " + running.run.device().name() + " via writel):"
                    + " its __iowmb() orders the CPU's earlier stores before it"
                    : "add dma_wmb() after the CPU's store at " + s.where() + ", before the store that hands the"
                            + " descriptor to the device: it orders the CPU's stores as devices see them";
            in.kernel().machine().log().add(ReportCode.DEVICE_STALE_READ, running.shortName + " reads "
                    + h.label() + "[" + offset + ".." + (offset + length) + "] while the CPU's store at " + s.where()
                    + " to it is still in the CPU's store buffer: the device reads what was there before", site, help,
                    List.of("the CPU's store at " + s.where() + " not yet performed"
                            + (rung ? " when " + running.shortName + "'s doorbell (writel_relaxed) rang"
                                    : ": nothing orders it before the CPU's later stores")));
            return;
        }
    }

    @Override
    public void valueUsed() {
        if (windows != null && running == null) {
            // a branch on a loaded value orders later stores after the load: its window ends here
            close(windows.closeAll());
        }
    }

    @Override
    public void deviceWrite(DmaHandle handle, long offset, long length, SourceSite site, Runnable perform) {
        if (windows == null || running == null || !(handle instanceof CoherentHandle h) || h.allocation().cpu() == null
                || length > MAX_ORDERED_LOAD) {
            perform.run();
            return;
        }
        CpuView view = h.allocation().cpu();
        byte[] before = peek(view, offset, length, site);
        perform.run();
        byte[] after = peek(view, offset, length, site);
        windows.recordWrite(view, offset, length, before, after, running.shortName + "'s write at " + at(site));
    }

    /** The bytes a CPU load would return now, when certain (null otherwise). */
    private byte[] peek(CpuView view, long offset, long length, SourceSite site) {
        if (offset < 0 || offset + length > view.size()) {
            return null;
        }
        ReadResult r = in.kernel().cpuRead(view, offset, length, true, site);
        return r.isCertain() ? r.certainValue() : null;
    }

    @Override
    public ReadResult cpuLoaded(CpuView view, long offset, long length, ReadResult result, SourceSite site,
            boolean judged) {
        if (windows == null || running != null || length <= 0 || length > MAX_ORDERED_LOAD
                || !orderedViews.contains(view)) {
            return result;
        }
        // an earlier load ordered before this one (a read barrier between them) is satisfied first
        for (LoadWindows.Open o : windows.closedByLoad(view, offset, length)) {
            windows.readAfter(close(List.of(o)));
        }
        int now = windows.clock();
        if (!result.isCertain() || atomic > 0 || !loadSites.add(site.file().name() + ":" + site.position())) {
            // a poll's load is used at once (its condition), and a load repeated in a loop reads what
            // is there (hardware eventually sees the new value); an uncertain value stays as it is
            windows.ownAccess(view, offset, length, now);
            windows.satisfied(view, offset, length, now, site);
            return result;
        }
        byte[] current = result.certainValue();
        List<LoadWindows.Candidate> early = windows.earlier(view, offset, length, current,
                windows.windowStart(view, offset, length));
        Choice.Version c;
        if (cursor < path.size() && path.get(cursor) instanceof Choice.Version v) {
            c = v;
        } else if (cursor < path.size()) {
            throw new IllegalStateException("the replay diverged: expected a load's value, found " + path.get(cursor));
        } else {
            c = new Choice.Version(early.stream().map(LoadWindows.Candidate::value).toList());
            path.add(c);
        }
        cursor++;
        byte[] chosen = c.value();
        LoadWindows.Candidate hit = null;
        for (LoadWindows.Candidate k : early) {
            if (java.util.Arrays.equals(k.value(), chosen)) {
                hit = k;
            }
        }
        windows.opened(new LoadWindows.Open(view, offset, length, site, now, windows.rrEpoch(), windows.rwEpoch(),
                current, c, hit == null));
        if (hit != null) {
            windows.ownAccess(view, offset, length, hit.seq());
            windows.satisfied(view, offset, length, hit.seq(), site);
        }
        if (java.util.Arrays.equals(chosen, current)) {
            return result;
        }
        String how;
        String help;
        SourceSite before = hit == null ? null : windows.overtaken(view, offset, length, hit.seq());
        if (hit != null) {
            String rr = barrierFor(MemoryOrdering.Pair.RR);
            how = "the load at " + at(site) + " was satisfied before " + hit.witness()
                    + (before != null ? ", before the load at " + at(before) + " (no " + rr + " between them)"
                            : " (nothing orders it after the CPU's earlier accesses)");
            help = before != null ? "add " + rr + " between the load at " + at(before) + " and this one: it orders"
                    + " earlier loads before later ones" : "order the load after what tells the CPU the data is"
                    + " there: " + rr + " after that load";
        } else {
            String rw = barrierFor(MemoryOrdering.Pair.RW);
            how = "the load at " + at(site) + " was satisfied late, " + c.notes.get(c.chosen)
                    + " (nothing orders it before the CPU's later stores)";
            help = "order the load before the later stores: " + rw + " after it";
        }
        // an older value that no earlier load overtook is an interleaving's outcome too: only a load
        // that passed an earlier one (message passing) or a later store (load buffering) is a bug
        if (!judged && (hit == null || before != null)) {
            in.kernel().machine().log().add(ReportCode.STALE_READ, "the load may return a value its location held "
                    + (hit != null ? "before" : "after") + " its place in the program: the CPU reordered it", site,
                    help, List.of(how));
        }
        return LoadWindows.result(chosen, how);
    }

    /** Ends the windows of {@code loads}: what their bytes took since is offered to them (load buffering). */
    private int close(List<LoadWindows.Open> loads) {
        int latest = 0;
        for (LoadWindows.Open o : loads) {
            // the end of the window reads the load's bytes: a write moved across it changes what it offers
            fp().bytes(o.view.phys(o.offset), Math.min(o.length, o.view.contiguousFrom(o.offset)), false);
            LoadWindows.Candidate hit = null;
            for (LoadWindows.Candidate f : windows.later(o.view, o.offset, o.length, o.current, o.at)) {
                o.choice.offer(f.value(), "after " + f.witness());
                if (java.util.Arrays.equals(f.value(), o.choice.value()) && hit == null) {
                    hit = f;
                }
            }
            if (o.late) {
                if (hit == null) {
                    // the value this execution guessed never appeared in the load's window
                    throw new Stop(Stop.Why.INFEASIBLE);
                }
                windows.ownAccess(o.view, o.offset, o.length, hit.seq());
                latest = Math.max(latest, hit.seq());
            }
        }
        return latest;
    }

    /** The cheapest barrier of the arch that orders {@code pair}, in words. */
    private String barrierFor(MemoryOrdering.Pair pair) {
        for (String b : List.of("dma_rmb", "rmb", "dma_mb", "mb")) {
            if (ordering().orders(b).contains(pair)) {
                return b + "()";
            }
        }
        return "mb()";
    }

    /** The CPU waits until {@code stores} drained (they run meanwhile, as do the jobs). */
    private void awaitStores(List<StoreAgent> stores, SourceSite site) {
        if (stores.stream().allMatch(StoreAgent::finished)) {
            return;
        }
        closeOpen();
        cpu.state = Cpu.State.WAIT_STORES;
        cpu.stores = stores;
        cpu.at = site;
        schedule(site);
        openFresh = false;
        open.sync = open.sync.plus(Touches.ofObjects(stores.stream().map(s -> (Object) s.performed).toList(),
                List.of()));
    }

    /** A store's drain: its one step performs it. */
    private void drain(StoreAgent s) {
        Event e = current;
        int reports = in.kernel().reports().size();
        fp().begin();
        log.hold();
        Touches engine;
        try {
            s.perform.run();
        } finally {
            engine = fp().end();
            log.release(true);
        }
        s.done = true;
        buffered.remove(s);
        if (windows != null) {
            lastDrain = windows.clock();
            windows.ownAccess(s.view, s.offset, s.length, lastDrain);
        }
        List<Object> writes = new ArrayList<>(List.of(s.performed));
        if (in.kernel().reports().size() > reports) {
            writes.add(REPORTS);
        }
        List<Object> waited = new ArrayList<>(List.of(s.issued));
        s.after.forEach(p -> waited.add(p.performed));
        e.sync = Touches.ofObjects(waited, List.of());
        finish(e, engine, engine.plus(Touches.ofObjects(List.of(), writes)), false);
    }

    @Override
    public void afterCpuCall(SourceSite site) {
        if (!concurrent || running != null || open == null) {
            return;
        }
        openCall = true;
        for (JobAgent j : jobs) {
            if (j.finished()) {
                continue;
            }
            for (Object t : j.run.remainingTargets()) {
                if (liveTargets.containsKey(t) && JobRun.released(t)) {
                    liveTargets.remove(t);
                    fp().object(j.progress, false);
                    busy(j, t, site);
                }
            }
        }
    }

    /** DMA_UNMAP_WHILE_BUSY: the CPU released what a job that may still run will access. */
    private void busy(JobAgent j, Object target, SourceSite site) {
        String next = j.run.next();
        in.kernel().machine().log().add(ReportCode.DMA_UNMAP_WHILE_BUSY, "the CPU releases " + target + " while "
                + j.name() + " may still access it (its next step: " + next + ")", site,
                "wait for the job before unmapping or freeing what it uses: wait j, or dma_fence_wait(j.fence)",
                List.of(j.name() + " performed " + j.run.performed().size() + " of its steps"));
    }

    @Override
    public void atomic(boolean on) {
        atomic += on ? 1 : -1;
        if (on && running == null) {
            log.hold();
        }
    }

    @Override
    public void pollDone(boolean held) {
        in.drainReports();
        log.release(held);
        if (open != null) {
            open.pollEval = true;
        }
    }

    @Override
    public void openRead(int id) {
        branchPending = false;
        ReadFilter f = null;
        for (int k = cursor; k < path.size() && path.get(k) instanceof Choice.Data d && d.read == id; k++) {
            f = f == null ? d.filter() : f.and(d.filter());
        }
        if (f != null) {
            in.kernel().machine().cache().restrictReads(f);
            restricted = true;
        }
    }

    @Override
    public void readHappened(int id) {
        while (cursor < path.size() && path.get(cursor) instanceof Choice.Data d && d.read == id) {
            cursor++;
            branchPending = true;
        }
        readsHappened = Math.max(readsHappened, id + 1);
        int last = positionChanges == 0 ? 0 : positionFrom[positionChanges - 1];
        if (cursor != last && (positionChanges == 0 || positionFromRead[positionChanges - 1] < id)) {
            if (positionChanges == positionFrom.length) {
                positionFrom = Arrays.copyOf(positionFrom, positionChanges * 2);
                positionFromRead = Arrays.copyOf(positionFromRead, positionChanges * 2);
            }
            positionFromRead[positionChanges] = id;
            positionFrom[positionChanges++] = cursor;
        }
    }

    @Override
    public void closeRead(int id) {
        if (restricted) {
            in.kernel().machine().cache().endRestriction();
            restricted = false;
        }
    }

    @Override
    public void startJob(JobRun run) {
        String via = doorbell == null ? "writel" : doorbell;
        doorbell = null;
        for (Object t : run.remainingTargets()) {
            if (t instanceof CoherentHandle h && h.allocation().cpu() != null) {
                orderedViews.add(h.allocation().cpu());
            }
        }
        boolean relaxed = via.endsWith("_relaxed");
        if (!relaxed) {
            flushBeforeJobs();
        }
        if (!concurrent) {
            // the first job: from here on every step is recorded; the async is the first CPU event
            concurrent = true;
            log.stopStreaming();
            schedule(run.site());
            openFresh = false;
            if (ordering().loadOrder() == MemoryOrdering.LoadOrder.RELAXED) {
                windows = new LoadWindows();
            }
            List<StoreAgent> early = new ArrayList<>(beforeJobs);
            beforeJobs.clear();
            for (StoreAgent s : early) {
                if (orderedViews.contains(s.view)) {
                    issue(s.site, s.view, s.offset, s.length, s.perform, s.epoch);
                } else {
                    s.perform.run();
                }
            }
        }
        // writel() is __iowmb() and a relaxed store: every earlier store drains before the device can
        // start; writel_relaxed() orders only the stores before the last store barrier (a TSO arch all)
        boolean tso = ordering().storeOrder() == MemoryOrdering.StoreOrder.TSO;
        List<StoreAgent> before = buffered.stream().filter(s -> !relaxed || tso || s.epoch < wwEpoch).toList();
        JobAgent j = new JobAgent(agents.size(), run);
        j.doorbellAfter = before;
        for (JobAgent other : jobs) {
            if (other.run.device() == run.device()) {
                other.shortName = other.run.label();
                j.shortName = run.label();
            }
        }
        agents.add(j);
        jobs.add(j);
        fp().object(j.started, true);
    }

    @Override
    public void waitJob(JobRun run, SourceSite site) {
        JobAgent j = agentOf(run);
        closeOpen();
        run.markWaited();
        cpu.state = Cpu.State.WAIT_JOB;
        cpu.job = j;
        cpu.at = site;
        schedule(site);
        open.sync = open.sync.plus(Touches.ofObjects(List.of(run.fence()), List.of()));
        // the wait returns after the job's steps: the CPU's earlier loads are satisfied by then
        fullBarrier();
    }

    @Override
    public boolean awaitFences(List<DmaFence> fences, String what, SourceSite site) {
        if (!concurrent || running != null) {
            return false;
        }
        for (JobAgent j : jobs) {
            if (fences.contains(j.run.fence())) {
                j.run.markWaited();
            }
        }
        if (!fences.stream().allMatch(DmaFence::isSignaled)) {
            closeOpen();
            cpu.state = Cpu.State.WAIT_FENCES;
            cpu.fences = List.copyOf(fences);
            cpu.at = site;
            schedule(site);
            openFresh = false;
        }
        open.sync = open.sync.plus(Touches.ofObjects(List.copyOf(fences), List.of()));
        fullBarrier();
        return true;
    }

    @Override
    public void sawSignalled(DmaFence fence) {
        for (JobAgent j : jobs) {
            if (j.run.fence() == fence) {
                j.run.markWaited();
            }
        }
    }

    @Override
    public void observesReports() {
        openObservesReports = true;
    }

    @Override
    public LoopWatch watchLoop(SourceSite site, boolean conditionOnly) {
        return new Watch(site, conditionOnly);
    }

    @Override
    public void finishing() {
        if (!concurrent) {
            flushBeforeJobs();
            return;
        }
        closeOpen();
        cpu.state = Cpu.State.FINISHED;
        schedule(null);
        fullBarrier();
        for (JobAgent j : jobs) {
            if (!j.run.waited()) {
                in.kernel().machine().log().add(ReportCode.JOB_NOT_WAITED, j.name() + " was never waited for: the"
                        + " scenario ends while the CPU does not know it completed", j.run.site(),
                        "wait for it before the end (wait j, or dma_fence_wait(j.fence)), as a driver does before it"
                                + " unmaps or frees what the device uses", List.of());
            }
        }
        in.drainReports();
    }

    /**
     * The CPU's program stops here for now (a REPL entry ended; the next entry continues it): the
     * jobs take their remaining steps, so that the explorer sees their races with what the CPU did,
     * but without the end-of-run checks: a job that waits for a fence or polls for what the CPU
     * has not written yet just waits, and no job is reported as never waited for.
     */
    public void drainJobs() {
        if (!concurrent) {
            return;
        }
        closeOpen();
        cpu.state = Cpu.State.FINISHED;
        draining = true;
        schedule(null);
        in.drainReports();
    }

    // ---- scheduling

    /**
     * Runs job steps until the CPU is chosen (and begins its event), or, once the CPU has
     * finished, until no job can run.
     */
    private void schedule(SourceSite site) {
        while (true) {
            Set<Integer> enabled = new TreeSet<>();
            for (Agent a : agents) {
                if (a.enabled()) {
                    enabled.add(a.id);
                }
            }
            if (enabled.isEmpty()) {
                if (draining || agents.stream().allMatch(Agent::finished)) {
                    return;
                }
                hang();
            }
            int chosen = choose(enabled, site);
            if (chosen == 0) {
                cpu.state = Cpu.State.RUNNING;
                beginCpuEvent();
                openFresh = true;
                return;
            }
            if (agents.get(chosen) instanceof StoreAgent s) {
                drain(s);
            } else {
                step((JobAgent) agents.get(chosen));
            }
        }
    }

    private int choose(Set<Integer> enabled, SourceSite site) {
        Choice.Sched c;
        if (cursor < path.size()) {
            if (!(path.get(cursor) instanceof Choice.Sched s)) {
                throw new IllegalStateException("the replay diverged: expected a scheduling point, found "
                        + path.get(cursor));
            }
            if (!enabled.contains(s.agent)) {
                throw new Stop(Stop.Why.INFEASIBLE);
            }
            s.enabled = enabled;
            c = s;
        } else {
            Map<Integer, Touches> sleep = reduce ? sleepAfter() : Map.of();
            int agent = -1;
            for (int q : enabled) {
                if (!sleep.containsKey(q)) {
                    agent = q;
                    break;
                }
            }
            if (agent < 0) {
                throw new Stop(Stop.Why.REDUNDANT);
            }
            c = new Choice.Sched(agent, enabled, sleep);
            path.add(c);
        }
        cursor++;
        Agent a = agents.get(c.agent);
        String where = a == cpu ? "cpu " + (site == null ? "end" : at(site))
                : a instanceof StoreAgent s ? "cpu's store " + s.where() + " drains"
                : ((JobAgent) a).shortName + " " + nextSite((JobAgent) a);
        if (in != null) {
            // every step is recorded for the reduction and the replay: a long loop after the first
            // job must end in the budget's error, not fill the heap
            var budget = in.kernel().machine().budget();
            budget.require(STEP_BYTES, "recording the execution's steps");
            budget.charge(STEP_BYTES);
        }
        current = new Event(c.agent, a.events++, c, where);
        events.add(current);
        return c.agent;
    }

    /** The sleep set of a new point: the previous point's sleepers and explored agents its step left alone. */
    private Map<Integer, Touches> sleepAfter() {
        if (events.isEmpty()) {
            return new LinkedHashMap<>();
        }
        Event prev = events.get(events.size() - 1);
        Map<Integer, Touches> out = new LinkedHashMap<>();
        prev.choice.sleep.forEach((q, t) -> {
            if (q != prev.agent && !t.conflictsWith(prev.touches)) {
                out.put(q, t);
            }
        });
        prev.choice.explored.forEach((q, t) -> {
            if (q != prev.agent && !t.conflictsWith(prev.touches)) {
                out.put(q, t);
            }
        });
        return out;
    }

    private void beginCpuEvent() {
        open = current;
        openCall = false;
        openObservesReports = false;
        reportsAtOpen = in.kernel().reports().size();
        liveTargets = new IdentityHashMap<>();
        for (JobAgent j : jobs) {
            if (!j.finished()) {
                for (Object t : j.run.remainingTargets()) {
                    if (!JobRun.released(t)) {
                        liveTargets.put(t, Boolean.TRUE);
                    }
                }
            }
        }
        fp().begin();
    }

    /** Ends the CPU event in progress: what it touched, and whom that wakes. */
    private void closeOpen() {
        if (open == null) {
            return;
        }
        Touches engine = fp().end();
        List<Object> reads = new ArrayList<>();
        List<Object> writes = new ArrayList<>();
        if (in.kernel().reports().size() > reportsAtOpen) {
            writes.add(REPORTS);
        }
        if (openCall && !engine.hasObjects() && open.sync.isEmpty()) {
            // a kernel call the facade does not describe: it may change anything a device uses
            writes.add(Footprint.KERNEL);
        }
        if (openObservesReports) {
            reads.add(REPORTS);
        }
        finish(open, engine, engine.plus(Touches.ofObjects(reads, writes)), false);
        open = null;
        openFresh = false;
    }

    /** A job's step: one device statement, or one evaluation of its {@code wait until}. */
    private void step(JobAgent j) {
        Event e = current;
        int reports = in.kernel().reports().size();
        in.runningJob(j.run);
        running = j;
        fp().begin();
        log.hold();
        JobRun.Step result = null;
        Touches engine;
        try {
            result = j.run.step();
        } finally {
            engine = fp().end();
            running = null;
            in.runningJob(null);
            log.release(result != JobRun.Step.POLLED);
        }
        List<Object> reads = new ArrayList<>(List.of(Footprint.KERNEL));
        List<Object> writes = new ArrayList<>();
        if (result != JobRun.Step.POLLED) {
            writes.add(j.progress);
        }
        e.pollEval = result != JobRun.Step.RAN;
        if (in.kernel().reports().size() > reports) {
            writes.add(REPORTS);
        }
        if (j.finished()) {
            j.run.fence().signal(e.where);
            writes.add(j.run.fence());
        }
        if (j.events == 1) {
            List<Object> waited = new ArrayList<>(List.of(j.started));
            waited.addAll(j.run.after());
            j.doorbellAfter.forEach(s -> waited.add(s.performed));
            e.sync = Touches.ofObjects(waited, List.of());
        }
        boolean poll = result == JobRun.Step.POLLED && !engine.changesState();
        finish(e, engine, engine.plus(Touches.ofObjects(reads, writes)), poll);
        if (poll) {
            j.spinningOn = engine;
        }
    }

    /** Records what an event touched and wakes the agents polling something it wrote. */
    private void finish(Event e, Touches engine, Touches all, boolean poll) {
        e.touches = all;
        e.engine = engine;
        e.race = all;
        e.poll = poll;
        e.choice.touches = all;
        for (Agent a : agents) {
            if (a.id != e.agent && a.spinningOn != null && all.writesInto(a.spinningOn)) {
                a.spinningOn = null;
            }
        }
    }

    /** Nobody can move and someone has not finished: HANG, at the wait that cannot end. */
    private void hang() {
        hung = true;
        List<String> witnesses = new ArrayList<>();
        for (JobAgent j : jobs) {
            List<String> done = j.run.performed();
            witnesses.add(j.name() + (j.finished() ? " completed" : " " + j.waitingFor()) + " after "
                    + done.size() + " step" + (done.size() == 1 ? "" : "s")
                    + (done.isEmpty() ? "" : " (" + String.join(", ", done) + ")"));
        }
        if (!cpu.finished()) {
            in.kernel().machine().log().add(ReportCode.HANG, "the CPU " + cpu.waitingFor(), cpu.at,
                    "a wait needs someone to end it: check that the job can complete, that it writes what the CPU "
                            + "polls for, and that the CPU can see it (a sync, or coherent memory)", witnesses);
            cpu.state = Cpu.State.RUNNING;
            cpu.spinningOn = null;
        } else {
            JobAgent stuck = jobs.stream().filter(j -> !j.finished()).findFirst().orElseThrow();
            in.kernel().machine().log().add(ReportCode.HANG, stuck.name() + " " + stuck.waitingFor(),
                    stuck.run.site(), "a job's dependencies must signal and its polls must see what they wait for",
                    witnesses);
            stuck.run.markWaited();
        }
        in.drainReports();
        throw new Hung();
    }

    private JobAgent agentOf(JobRun run) {
        for (JobAgent j : jobs) {
            if (j.run == run) {
                return j;
            }
        }
        throw new IllegalStateException("a job of another execution: " + run.label());
    }

    // ---- words for witnesses and schedules

    /** {@code 13:14}; {@code [3]:1:5} in a REPL entry or an imported file. */
    private static String at(SourceSite site) {
        return site.position();
    }

    private static String nextSite(JobAgent j) {
        String next = j.run.next();
        if (next == null) {
            return "end";
        }
        int at = next.lastIndexOf(" at ");
        return at < 0 ? next : next.substring(at + 4);
    }

    /** What the jobs the CPU does not know complete had done at this point, in words. */
    public String context() {
        if (!concurrent) {
            return "";
        }
        List<String> parts = new ArrayList<>();
        for (JobAgent j : jobs) {
            if (j == running || (j.finished() && j.run.waited())) {
                continue;
            }
            List<String> done = j.run.performed();
            String next = j.run.next();
            if (next == null) {
                parts.add("after " + j.shortName + "'s last step (" + (done.isEmpty() ? "none" : done.get(done.size() - 1))
                        + ")");
            } else {
                parts.add(j.shortName + "'s step " + (done.size() + 1) + " (" + next + ") not yet performed");
            }
        }
        for (StoreAgent s : buffered) {
            parts.add("the CPU's store at " + s.where() + " not yet performed");
        }
        return String.join(", ", parts);
    }

    /**
     * The first {@code n} steps, from the first job's start: a view of one array of every step's
     * words, made once for all the reads that ask (a loop of reads while a job ran asked for a
     * copy each, n^2/2 steps, and the merge ran out of heap before any limit).
     */
    List<String> schedule(int n) {
        if (stepWords == null || stepWords.length != events.size()) {
            stepWords = new String[events.size()];
            for (int i = 0; i < stepWords.length; i++) {
                stepWords[i] = events.get(i).where;
            }
        }
        return new Steps(stepWords, Math.min(n, stepWords.length));
    }

    /** Every step's words when {@link #schedule} last made them (null: to make again). */
    private String[] stepWords;

    /** The first {@code size} of {@code words}, unmodifiable; the array is never written once shared. */
    private static final class Steps extends java.util.AbstractList<String> implements java.util.RandomAccess {
        private final String[] words;
        private final int size;

        Steps(String[] words, int size) {
            this.words = words;
            this.size = size;
        }

        @Override
        public String get(int i) {
            java.util.Objects.checkIndex(i, size);
            return words[i];
        }

        @Override
        public int size() {
            return size;
        }
    }

    /** Watches one CPU loop: an iteration that changed nothing and saw no other agent change what it read blocks. */
    private final class Watch implements LoopWatch {
        private final SourceSite site;
        private final boolean conditionOnly;
        private boolean first = true;
        private int mark;
        private long assigned;

        Watch(SourceSite site, boolean conditionOnly) {
            this.site = site;
            this.conditionOnly = conditionOnly;
        }

        /** Recording the footprint of an iteration while no job has started yet. */
        private boolean alone;

        @Override
        public void iteration(long assignments) {
            if (!concurrent && conditionOnly && running == null) {
                aloneIteration(assignments);
                return;
            }
            if (alone) {
                // a job started inside the condition: its steps are recorded from now on
                alone = false;
            }
            if (!first && concurrent && running == null) {
                closeOpen();
                Touches reads = Touches.NONE;
                boolean changed = assignments != assigned;
                List<Event> mine = new ArrayList<>();
                for (int k = mark; k < events.size(); k++) {
                    Event e = events.get(k);
                    if (e.agent == 0) {
                        mine.add(e);
                        reads = reads.plus(e.engine);
                        changed |= e.engine.changesState();
                    }
                }
                boolean othersWrote = false;
                for (int k = mark; k < events.size(); k++) {
                    Event e = events.get(k);
                    othersWrote |= e.agent != 0 && e.touches.writesInto(reads);
                }
                if (!changed && !othersWrote && !mine.isEmpty()) {
                    if (conditionOnly) {
                        // a failed poll changes nothing: it races with nobody (only its outcome would differ)
                        mine.forEach(e -> e.poll = true);
                    }
                    cpu.spinningOn = reads;
                    cpu.at = site;
                    schedule(site);
                    // the next iteration starts with the event the CPU was just chosen for
                    first = false;
                    mark = events.size() - 1;
                    assigned = assignments;
                    return;
                }
            }
            first = false;
            mark = events.size();
            assigned = assignments;
        }

        /**
         * A poll before any job started: nobody else can change what it reads, so an iteration
         * that read the machine and changed nothing would repeat forever: HANG. A loop reading
         * nothing of the machine ({@code while true {}}) runs into the step budget as before.
         */
        private void aloneIteration(long assignments) {
            if (alone) {
                Touches t = fp().end();
                alone = false;
                if (!t.isEmpty() && !t.changesState() && assignments == assigned) {
                    cpu.at = site;
                    cpu.spinningOn = t;
                    hang();
                }
            }
            first = false;
            assigned = assignments;
            fp().begin();
            alone = true;
        }

        @Override
        public void end() {
            if (alone && !concurrent) {
                fp().end();
            }
            alone = false;
        }
    }
}
