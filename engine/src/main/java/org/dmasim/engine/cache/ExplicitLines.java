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
 * states, witnesses) are kept once however many lines have them. The arrays sit in one table per
 * 4 KiB page: a walk over a buffer finds a page's lines side by side (and a collector copies them
 * in that order), not scattered by a hash; a page with one explicit line holds just that line. A line whose bytes equal those of
 * the line stored just before it (a buffer filled with one pattern) shares that line's array.
 * Every object is charged to the budget as it is made, from its layout on a 64-bit JVM with
 * compressed references, and released with the last line holding it.
 */
final class ExplicitLines {
    /** The bytes of the shape id at the start of a line's array. */
    static final int HEAD = 4;
    /** A slot of {@link #pages}' table: a long key and a reference. */
    private static final int TABLE_SLOT = 12;
    /** An entry of {@link #shapes}: node 32, about 8 of table, and its place in {@link #byId}. */
    private static final int SHAPE_ENTRY = 44;
    /** An entry of {@link #texts}: its count 16, about 16 of table. */
    private static final int TEXT_ENTRY = 32;
    /** An entry of {@link #sharedData}: its count 16, about 16 of table. */
    private static final int SHARE_ENTRY = 32;

    private final int line;
    private final int perPage;
    private final MemoryBudget budget;
    /** Per page holding explicit lines: each line's array by its index in the page (null: not explicit). */
    private final LongMap<Object> pages = new LongMap<>(75);
    /** A {@link Single}: header 12, an int and a reference. */
    private static final int SINGLE = 24;

    /** A page's only explicit line: its index in the page and its array. */
    private record Single(int index, byte[] data) {
    }
    private int size;
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

    ExplicitLines(int line, MemoryBudget budget) {
        this.line = line;
        this.perPage = LineStore.PAGE / line;
        this.budget = budget;
    }

    int size() {
        return size;
    }

    boolean isEmpty() {
        return size == 0;
    }

    boolean contains(long l) {
        return data(l) != null;
    }

    /** Whether a line of the 4 KiB page {@code page} is explicit. */
    boolean anyInPage(long page) {
        return size != 0 && pages.get(page) != null;
    }

    /** The explicit lines, in no particular order. */
    long[] keys() {
        long[] out = new long[size];
        int[] n = {0};
        pages.forEach((page, held) -> {
            if (held instanceof Single one) {
                out[n[0]++] = page * perPage + one.index();
                return;
            }
            byte[][] lines = (byte[][]) held;
            for (int i = 0; i < lines.length; i++) {
                if (lines[i] != null) {
                    out[n[0]++] = page * perPage + i;
                }
            }
        });
        return out;
    }

    /** The line's array, or null when it is not explicit. */
    byte[] data(long l) {
        if (size == 0) {
            return null;
        }
        Object held = pages.get(l / perPage);
        int i = (int) (l % perPage);
        if (held instanceof Single one) {
            return one.index() == i ? one.data() : null;
        }
        return held == null ? null : ((byte[][]) held)[i];
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
        long page = l / perPage;
        int i = (int) (l % perPage);
        Object held = pages.get(page);
        if (held == null) {
            budget.charge(SINGLE);
            pages.put(page, new Single(i, data));
            if (pages.capacity() > tableSlots) {
                budget.charge((long) TABLE_SLOT * (pages.capacity() - tableSlots));
                tableSlots = pages.capacity();
            }
        } else if (held instanceof Single one) {
            // a second line in the page: a table for them all from now on
            byte[][] lines = new byte[perPage][];
            lines[one.index()] = one.data();
            lines[i] = data;
            budget.charge(pageBytes() - SINGLE);
            pages.put(page, lines);
        } else {
            ((byte[][]) held)[i] = data;
        }
        size++;
    }

    /** Line {@code l} is no longer explicit (nothing when it was not). */
    void remove(long l) {
        byte[] data = data(l);
        if (data == null) {
            return;
        }
        long page = l / perPage;
        Object held = pages.get(page);
        if (held instanceof Single) {
            pages.remove(page);
            budget.release(SINGLE);
        } else {
            byte[][] lines = (byte[][]) held;
            lines[(int) (l % perPage)] = null;
            if (empty(lines)) {
                pages.remove(page);
                budget.release(pageBytes());
            }
        }
        size--;
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

    private static boolean empty(byte[][] lines) {
        for (byte[] data : lines) {
            if (data != null) {
                return false;
            }
        }
        return true;
    }

    /** A page's table of lines. */
    private long pageBytes() {
        return align(16 + 4L * perPage);
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
