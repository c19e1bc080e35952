package org.dmasim.engine.memory;

import java.util.Arrays;

/**
 * A map from {@code long} to non-null values without boxing: open addressing with linear
 * probing and backward-shift deletion, and the last key looked up remembered (page and bit-word
 * lookups walk addresses in order). Not thread-safe, like the rest of the machine.
 */
public final class LongMap<V> {
    private long[] keys = new long[16];
    private Object[] values = new Object[16];
    /** The table doubles when more than {@code loadPercent} % of its slots are taken. */
    private final int loadPercent;
    private int size;
    private long lastKey;
    private Object lastValue;
    /** The slot of {@code lastKey} while {@code lastValue} is set. */
    private int lastSlot;

    /** A map whose table is at most half full (short probe runs). */
    public LongMap() {
        this(50);
    }

    /**
     * @param loadPercent how full the table may get before it doubles (50 to 90): higher holds many
     *        entries in less heap (12 bytes a slot) at the price of longer probe runs
     */
    public LongMap(int loadPercent) {
        if (loadPercent < 50 || loadPercent > 90) {
            throw new IllegalArgumentException("load " + loadPercent + "%");
        }
        this.loadPercent = loadPercent;
    }

    public int size() {
        return size;
    }

    /** The slots of the table (it grows, never shrinks): a key and a reference each. */
    public int capacity() {
        return keys.length;
    }

    public boolean isEmpty() {
        return size == 0;
    }

    @SuppressWarnings("unchecked")
    public V get(long key) {
        if (lastValue != null && lastKey == key) {
            return (V) lastValue;
        }
        int mask = keys.length - 1;
        for (int i = hash(key) & mask; ; i = (i + 1) & mask) {
            Object v = values[i];
            if (v == null) {
                return null;
            }
            if (keys[i] == key) {
                lastKey = key;
                lastValue = v;
                lastSlot = i;
                return (V) v;
            }
        }
    }

    public boolean containsKey(long key) {
        return get(key) != null;
    }

    /** Sets the value; returns the previous one or null. */
    @SuppressWarnings("unchecked")
    public V put(long key, V value) {
        if (value == null) {
            throw new NullPointerException("null value");
        }
        if (lastValue != null && lastKey == key) {
            Object old = values[lastSlot];
            values[lastSlot] = value;
            lastValue = value;
            return (V) old;
        }
        int mask = keys.length - 1;
        int i = hash(key) & mask;
        for (; values[i] != null; i = (i + 1) & mask) {
            if (keys[i] == key) {
                Object old = values[i];
                values[i] = value;
                lastKey = key;
                lastValue = value;
                lastSlot = i;
                return (V) old;
            }
        }
        keys[i] = key;
        values[i] = value;
        if (++size * 100L > (long) keys.length * loadPercent) {
            grow();
            lastValue = null;
        } else {
            lastKey = key;
            lastValue = value;
            lastSlot = i;
        }
        return null;
    }

    /** Removes the key; returns its value or null. */
    @SuppressWarnings("unchecked")
    public V remove(long key) {
        int mask = keys.length - 1;
        int i = hash(key) & mask;
        for (; ; i = (i + 1) & mask) {
            if (values[i] == null) {
                return null;
            }
            if (keys[i] == key) {
                break;
            }
        }
        Object old = values[i];
        lastValue = null;
        size--;
        // backward shift: move later entries of the probe run into the hole
        for (int j = (i + 1) & mask; values[j] != null; j = (j + 1) & mask) {
            int home = hash(keys[j]) & mask;
            if (((j - home) & mask) >= ((j - i) & mask)) {
                keys[i] = keys[j];
                values[i] = values[j];
                i = j;
            }
        }
        values[i] = null;
        return (V) old;
    }

    public void clear() {
        Arrays.fill(values, null);
        size = 0;
        lastValue = null;
    }

    /** Calls {@code action} for every entry (do not change the map meanwhile). */
    @SuppressWarnings("unchecked")
    public void forEach(Entry<V> action) {
        for (int i = 0; i < keys.length; i++) {
            if (values[i] != null) {
                action.accept(keys[i], (V) values[i]);
            }
        }
    }

    /** The keys, in no particular order. */
    public long[] keys() {
        long[] out = new long[size];
        int n = 0;
        for (int i = 0; i < keys.length; i++) {
            if (values[i] != null) {
                out[n++] = keys[i];
            }
        }
        return out;
    }

    public interface Entry<V> {
        void accept(long key, V value);
    }

    private void grow() {
        long[] oldKeys = keys;
        Object[] oldValues = values;
        keys = new long[oldKeys.length * 2];
        values = new Object[oldValues.length * 2];
        int mask = keys.length - 1;
        for (int j = 0; j < oldKeys.length; j++) {
            if (oldValues[j] != null) {
                int i = hash(oldKeys[j]) & mask;
                while (values[i] != null) {
                    i = (i + 1) & mask;
                }
                keys[i] = oldKeys[j];
                values[i] = oldValues[j];
            }
        }
    }

    private static int hash(long key) {
        long h = key * 0x9E3779B97F4A7C15L;
        return (int) (h ^ (h >>> 32));
    }
}
