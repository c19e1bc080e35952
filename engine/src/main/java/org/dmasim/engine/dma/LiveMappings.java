package org.dmasim.engine.dma;

import java.util.AbstractCollection;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.TreeMap;
import org.dmasim.engine.machine.Device;

/**
 * The live streaming mappings (and noncoherent allocations), oldest first, indexed per device by
 * DMA address: finding the mapping of an unmap or a sync is a few tree steps, adding and removing
 * one is O(log n), so a million live mappings stay cheap. Iteration is in insertion order.
 */
public final class LiveMappings extends AbstractCollection<StreamingMapping> {
    /** Insertion order; removed mappings leave a null until the next compaction. */
    private final ArrayList<StreamingMapping> order = new ArrayList<>();
    private final Map<Device, ByAddress> byDevice = new HashMap<>();
    private int size;

    @Override
    public int size() {
        return size;
    }

    @Override
    public boolean add(StreamingMapping m) {
        if (m.seq >= 0) {
            throw new IllegalStateException(m.label() + " is already live");
        }
        m.seq = order.size();
        order.add(m);
        byDevice.computeIfAbsent(m.device(), d -> new ByAddress()).add(m);
        size++;
        return true;
    }

    @Override
    public boolean remove(Object o) {
        if (!(o instanceof StreamingMapping m) || m.seq < 0 || m.seq >= order.size() || order.get(m.seq) != m) {
            return false;
        }
        order.set(m.seq, null);
        m.seq = -1;
        ByAddress index = byDevice.get(m.device());
        index.remove(m);
        if (index.isEmpty()) {
            byDevice.remove(m.device());
        }
        size--;
        if (order.size() > 64 && size < order.size() / 2) {
            compact();
        }
        return true;
    }

    @Override
    public boolean contains(Object o) {
        return o instanceof StreamingMapping m && m.seq >= 0 && m.seq < order.size() && order.get(m.seq) == m;
    }

    /** The oldest live mapping of {@code dev} at exactly {@code dmaAddr}, or null. */
    public StreamingMapping at(Device dev, long dmaAddr) {
        ByAddress index = byDevice.get(dev);
        if (index == null) {
            return null;
        }
        Object v = index.map.get(dmaAddr);
        return v == null ? null : v instanceof StreamingMapping m ? m : listOf(v).get(0);
    }

    /** The oldest live mapping of {@code dev} whose DMA range contains {@code addr}, or null. */
    public StreamingMapping containing(Device dev, long addr) {
        ByAddress index = byDevice.get(dev);
        if (index == null) {
            return null;
        }
        StreamingMapping best = null;
        for (var kv : index.map.headMap(addr, true).descendingMap().entrySet()) {
            if (Long.compareUnsigned(addr - kv.getKey(), index.maxSize) >= 0) {
                break;
            }
            for (StreamingMapping m : values(kv.getValue())) {
                if (Long.compareUnsigned(addr, m.dmaAddress() + m.size()) < 0 && (best == null || m.seq < best.seq)) {
                    best = m;
                }
            }
        }
        return best;
    }

    /** Live mappings whose original buffer overlaps {@code [phys, phys+length)}, newest first. */
    public List<StreamingMapping> over(long phys, long length) {
        List<StreamingMapping> out = new ArrayList<>();
        for (int i = order.size() - 1; i >= 0; i--) {
            StreamingMapping m = order.get(i);
            if (m != null && m.overlaps(phys, length)) {
                out.add(m);
            }
        }
        return out;
    }

    @Override
    public Iterator<StreamingMapping> iterator() {
        return new Iterator<>() {
            private int next = skip(0);
            private int last = -1;

            private int skip(int i) {
                while (i < order.size() && order.get(i) == null) {
                    i++;
                }
                return i;
            }

            @Override
            public boolean hasNext() {
                return next < order.size();
            }

            @Override
            public StreamingMapping next() {
                if (!hasNext()) {
                    throw new NoSuchElementException();
                }
                last = next;
                next = skip(next + 1);
                return order.get(last);
            }

            @Override
            public void remove() {
                // no compaction while iterating: positions must stay put
                StreamingMapping m = order.get(last);
                order.set(last, null);
                m.seq = -1;
                ByAddress index = byDevice.get(m.device());
                index.remove(m);
                if (index.isEmpty()) {
                    byDevice.remove(m.device());
                }
                size--;
            }
        };
    }

    private void compact() {
        int n = 0;
        for (int i = 0; i < order.size(); i++) {
            StreamingMapping m = order.get(i);
            if (m != null) {
                m.seq = n;
                order.set(n++, m);
            }
        }
        order.subList(n, order.size()).clear();
        order.trimToSize();
    }

    @SuppressWarnings("unchecked")
    private static List<StreamingMapping> listOf(Object v) {
        return (List<StreamingMapping>) v;
    }

    private static List<StreamingMapping> values(Object v) {
        return v instanceof StreamingMapping m ? List.of(m) : listOf(v);
    }

    /** One device's mappings by DMA address (unsigned); an address mapped twice holds a list, oldest first. */
    private static final class ByAddress {
        final TreeMap<Long, Object> map = new TreeMap<>(Long::compareUnsigned);
        /** The largest size ever added: nothing starting more than this below an address contains it. */
        long maxSize;

        boolean isEmpty() {
            return map.isEmpty();
        }

        void add(StreamingMapping m) {
            maxSize = Math.max(maxSize, m.size());
            Object old = map.putIfAbsent(m.dmaAddress(), m);
            if (old instanceof StreamingMapping one) {
                List<StreamingMapping> list = new ArrayList<>(2);
                list.add(one);
                list.add(m);
                map.put(m.dmaAddress(), list);
            } else if (old != null) {
                listOf(old).add(m);
            }
        }

        void remove(StreamingMapping m) {
            Object v = map.get(m.dmaAddress());
            if (v == m) {
                map.remove(m.dmaAddress());
            } else if (v != null && !(v instanceof StreamingMapping)) {
                List<StreamingMapping> list = listOf(v);
                list.remove(m);
                if (list.size() == 1) {
                    map.put(m.dmaAddress(), list.get(0));
                }
            }
        }
    }
}
