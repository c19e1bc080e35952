package org.dmasim.polyglot;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryNotificationInfo;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import javax.management.ListenerNotFoundException;
import javax.management.NotificationEmitter;
import javax.management.NotificationListener;
import org.dmasim.engine.ScriptFault;
import org.graalvm.polyglot.Context;

/**
 * The community edition has no guest memory limit: this guard watches the heap pools that
 * survive collections and cancels the context when, after a collection, they stay above a share
 * of the maximum heap, so a script that allocates without bound ends with a clear message
 * instead of an {@link OutOfMemoryError}.
 */
final class HeapGuard implements AutoCloseable {
    /** Share of a pool's maximum that, still used after a collection, stops the script. */
    static final double DEFAULT_SHARE = 0.7;

    /**
     * The pools' thresholds are the JVM's, shared by guards of runs in parallel (sandboxes of the
     * API): they hold the smallest share any running guard asks for, and go back to what they were
     * when the last guard closes. Guarded by the class.
     */
    private static final Map<HeapGuard, Double> RUNNING = new IdentityHashMap<>();
    private static final Map<MemoryPoolMXBean, Long> ORIGINAL = new HashMap<>();

    private final List<MemoryPoolMXBean> pools = new ArrayList<>();
    private final NotificationListener listener;
    private final NotificationEmitter emitter;

    HeapGuard(Context context, double share, AtomicReference<Stop> reason) {
        long maxHeap = Runtime.getRuntime().maxMemory();
        java.util.Map<String, Long> counts = new java.util.HashMap<>();
        this.listener = (notification, handback) -> {
            if (!MemoryNotificationInfo.MEMORY_COLLECTION_THRESHOLD_EXCEEDED.equals(notification.getType())) {
                return;
            }
            var info = MemoryNotificationInfo.from((javax.management.openmbean.CompositeData) notification.getUserData());
            Long start = counts.get(info.getPoolName());
            if (start == null || info.getCount() <= start) {
                return; // late news of an earlier run
            }
            System.gc(); // a young collection leaves dead old data counted: judge the live data only
            boolean over = false;
            for (MemoryPoolMXBean p : pools) {
                over |= p.getCollectionUsage().getUsed() > (long) (p.getUsage().getMax() * share);
            }
            if (!over) {
                return;
            }
            if (reason.compareAndSet(null, new Stop(ScriptFault.MEMORY, "the script used more than "
                    + (long) (share * 100) + "% of the " + (maxHeap >> 20)
                    + " MiB heap (the memory guard; raise it with -Xmx)"))) {
                context.close(true);
            }
        };
        this.emitter = (NotificationEmitter) ManagementFactory.getMemoryMXBean();
        emitter.addNotificationListener(listener, null, null);
        for (MemoryPoolMXBean p : ManagementFactory.getMemoryPoolMXBeans()) {
            if (p.getType() == MemoryType.HEAP && p.isCollectionUsageThresholdSupported() && p.getUsage().getMax() > 0) {
                pools.add(p);
                counts.put(p.getName(), p.getCollectionUsageThresholdCount());
            }
        }
        synchronized (HeapGuard.class) {
            RUNNING.put(this, share);
            setThresholds(pools);
        }
    }

    /** Every pool at the smallest share a running guard asks for, or back to its own threshold when none runs. */
    private static void setThresholds(List<MemoryPoolMXBean> pools) {
        for (MemoryPoolMXBean p : pools) {
            ORIGINAL.putIfAbsent(p, p.getCollectionUsageThreshold());
            if (RUNNING.isEmpty()) {
                p.setCollectionUsageThreshold(ORIGINAL.remove(p));
            } else {
                double least = RUNNING.values().stream().mapToDouble(Double::doubleValue).min().orElseThrow();
                p.setCollectionUsageThreshold((long) (p.getUsage().getMax() * least));
            }
        }
    }

    @Override
    public void close() {
        synchronized (HeapGuard.class) {
            RUNNING.remove(this);
            setThresholds(pools);
        }
        try {
            emitter.removeNotificationListener(listener);
        } catch (ListenerNotFoundException e) {
            // already gone
        }
    }
}
