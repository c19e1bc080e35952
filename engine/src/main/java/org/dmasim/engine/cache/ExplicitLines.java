package org.dmasim.engine.cache;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import org.dmasim.engine.memory.LongMap;
import org.dmasim.engine.memory.MemoryBudget;

/**
 * The lines kept as explicit sets, compactly: each line is one {@code byte[]}, the id of its
 * {@link LineShape} (4 bytes) then its distinct values, a line each; the shapes (configurations,
 * states, witnesses) are kept once however many lines have them. A line whose bytes equal those of
 * the line stored just before it (a buffer filled with one pattern) shares that line's array.
 * Every object is charged to the budget as it is made, from its layout on a 64-bit JVM with
 * compressed references, and released with the last line holding it.
 */
final class ExplicitLines {
    /** The bytes of the shape id at the start of a line's array. */
    static final int HEAD = 4;
    /** A slot of {@link #lines}' table: a long key and a reference. */
    private static final int TABLE_SLOT = 12;
    /** A word of {@link #bits}: the long[1] and about two table slots of its map. */
    private static final int BIT_WORD = 24 + 2 * TABLE_SLOT;
    /** An entry of {@link #shapes}: node 32, about 8 of table, and its place in {@link #byId}. */
    private static final int SHAPE_ENTRY = 44;
    /** An entry of {@link #texts}: its count 16, about 16 of table. */
    private static final int TEXT_ENTRY = 32;
    /** An entry of {@link #sharedData}: its count 16, about 16 of table. */
    private static final int SHARE_ENTRY = 32;

    private final int line;
    private final MemoryBudget budget;
    private final LongMap<byte[]> lines = new LongMap<>(75);
    /** The same lines as bits, so a page's question "any explicit line?" is a word or two. */
    private final LineBits bits = new LineBits();
    private final Map<LineShape, LineShape> shapes = new HashMap<>();
    private LineShape[] byId = new LineShape[16];
    private final List<Integer> freeIds = new ArrayList<>();
    private int nextId;
    /** The witness texts of {@link #shapes} (each String object once), with how many shapes hold each. */
    private final Map<String, int[]> texts = new IdentityHashMap<>();
    /** The arrays held by more than one line, with how many lines hold each. */
    private final Map<byte[], int[]> sharedData = new IdentityHashMap<>();
    /** The array stored last, while some line holds it: the next line shares it when its bytes are equal. */
    private byte[] last;
    private long tableSlots;
    private long bitWords;

    ExplicitLines(int line, MemoryBudget budget) {
        this.line = line;
        this.budget = budget;
    }

    int size() {
        return lines.size();
    }

    boolean isEmpty() {
        return lines.isEmpty();
    }

    boolean contains(long l) {
        return lines.get(l) != null;
    }

    /** Whether a line of {@code [first, last]} is explicit. */
    boolean any(long first, long last) {
        return !lines.isEmpty() && bits.any(first, last);
    }

    /** The explicit lines, in no particular order. */
    long[] keys() {
        return lines.keys();
    }

    /** The line's array, or null when it is not explicit. */
    byte[] data(long l) {
        return lines.get(l);
    }

    LineShape shape(byte[] data) {
        return byId[(data[0] & 0xff) | (data[1] & 0xff) << 8 | (data[2] & 0xff) << 16 | (data[3] & 0xff) << 24];
    }

    /** The set of a line whose array is {@code data}. */
    LineConfigs configs(byte[] data) {
        return shape(data).configs(data, HEAD, line);
    }

    /** Keeps {@code set} for line {@code l} (which must not be explicit now). */
    void put(long l, LineConfigs set) {
        List<byte[]> values = new ArrayList<>(4);
        LineShape shape = intern(LineShape.of(set, values));
        byte[] data = newData(shape);
        for (int i = 0; i < values.size(); i++) {
            System.arraycopy(values.get(i), 0, data, HEAD + i * line, line);
        }
        put(l, shape, data);
    }

    /** A line's array for {@code shape} (as {@link #intern} returned it), its values still to be filled in. */
    byte[] newData(LineShape shape) {
        byte[] data = new byte[HEAD + shape.slots * line];
        int id = shape.id;
        data[0] = (byte) id;
        data[1] = (byte) (id >>> 8);
        data[2] = (byte) (id >>> 16);
        data[3] = (byte) (id >>> 24);
        return data;
    }

    /** Keeps {@code data} (from {@link #newData}, filled in) for line {@code l}, which must not be explicit now. */
    void put(long l, LineShape shape, byte[] data) {
        shape.lines++;
        if (last != null && Arrays.equals(last, data)) {
            data = last;
            int[] holders = sharedData.get(data);
            if (holders == null) {
                budget.charge(SHARE_ENTRY);
                sharedData.put(data, new int[] {2});
            } else {
                holders[0]++;
            }
        } else {
            budget.charge(arrayBytes(data.length));
            last = data;
        }
        lines.put(l, data);
        if (lines.capacity() > tableSlots) {
            budget.charge((long) TABLE_SLOT * (lines.capacity() - tableSlots));
            tableSlots = lines.capacity();
        }
        bits.set(l, l, true);
        chargeBits();
    }

    /** Line {@code l} is no longer explicit (nothing when it was not). */
    void remove(long l) {
        byte[] data = lines.remove(l);
        if (data == null) {
            return;
        }
        bits.set(l, l, false);
        chargeBits();
        int[] holders = sharedData.get(data);
        if (holders != null) {
            if (--holders[0] == 1) {
                sharedData.remove(data);
                budget.release(SHARE_ENTRY);
            }
        } else {
            budget.release(arrayBytes(data.length));
            if (data == last) {
                last = null;
            }
        }
        LineShape shape = shape(data);
        if (--shape.lines == 0) {
            release(shape);
        }
    }

    /**
     * The shape kept for {@code probe}'s contents: an equal one kept already, or {@code probe},
     * charged once (and given an id) for as long as a line has it. A caller that does not store a
     * line of it at once must not hold it across another {@link #remove}.
     */
    LineShape intern(LineShape probe) {
        LineShape found = shapes.get(probe);
        if (found != null) {
            return found;
        }
        int id = freeIds.isEmpty() ? nextId++ : freeIds.remove(freeIds.size() - 1);
        if (id >= byId.length) {
            byId = Arrays.copyOf(byId, byId.length * 2);
        }
        byId[id] = probe;
        probe.id = id;
        probe.lines = 0;
        shapes.put(probe, probe);
        budget.charge(SHAPE_ENTRY + probe.heapBytes());
        for (String text : probe.texts()) {
            int[] holders = texts.get(text);
            if (holders == null) {
                budget.charge(TEXT_ENTRY + textBytes(text));
                texts.put(text, new int[] {1});
            } else {
                holders[0]++;
            }
        }
        return probe;
    }

    private void release(LineShape shape) {
        shapes.remove(shape);
        byId[shape.id] = null;
        freeIds.add(shape.id);
        shape.id = -1;
        budget.release(SHAPE_ENTRY + shape.heapBytes());
        for (String text : shape.texts()) {
            int[] holders = texts.get(text);
            if (--holders[0] == 0) {
                texts.remove(text);
                budget.release(TEXT_ENTRY + textBytes(text));
            }
        }
    }

    private void chargeBits() {
        long words = bits.words();
        if (words > bitWords) {
            budget.charge(BIT_WORD * (words - bitWords));
        } else if (words < bitWords) {
            budget.release(BIT_WORD * (bitWords - words));
        }
        bitWords = words;
    }

    private static long arrayBytes(int length) {
        return align(16 + length);
    }

    /** The heap of a witness text: the String and its Latin-1 bytes (a byte per char). */
    private static long textBytes(String text) {
        return 24 + align(16 + text.length());
    }

    private static long align(long n) {
        return (n + 7) & ~7L;
    }
}
