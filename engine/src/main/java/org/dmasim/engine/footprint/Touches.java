package org.dmasim.engine.footprint;

import java.util.ArrayList;
import java.util.List;

/**
 * What one step touched: ranges of memory read or written (physical byte addresses: whole lines
 * where the cache is involved, exact bytes where only DRAM is) and engine objects
 * read or written (by {@link Footprint#key}, the same in every execution of a scenario). Two steps of different agents are dependent (do not commute)
 * when they touch a common line or object and at least one of them writes it.
 */
public final class Touches {
    /** Touches nothing: a pure step. */
    public static final Touches NONE = new Touches(new long[0], new boolean[0], new Object[0], new boolean[0], false);

    /** Pairs {@code first, last} of physical addresses (inclusive). */
    private final long[] ranges;
    private final boolean[] rangeWrites;
    private final Object[] objects;
    private final boolean[] objectWrites;
    private final boolean changed;

    Touches(long[] ranges, boolean[] rangeWrites, Object[] objects, boolean[] objectWrites, boolean changed) {
        this.ranges = ranges;
        this.rangeWrites = rangeWrites;
        this.objects = objects;
        this.objectWrites = objectWrites;
        this.changed = changed;
    }

    /** Touches of a few objects only (the explorer's own keys: jobs, fences, the report log). */
    public static Touches ofObjects(List<Object> read, List<Object> written) {
        Object[] os = new Object[read.size() + written.size()];
        boolean[] ws = new boolean[os.length];
        int i = 0;
        for (Object o : read) {
            os[i++] = Footprint.key(o);
        }
        for (Object o : written) {
            ws[i] = true;
            os[i++] = Footprint.key(o);
        }
        return new Touches(new long[0], new boolean[0], os, ws, false);
    }

    public boolean isEmpty() {
        return ranges.length == 0 && objects.length == 0;
    }

    /** Whether the step wrote anything (a line or an object). */
    public boolean writes() {
        for (boolean w : rangeWrites) {
            if (w) {
                return true;
            }
        }
        for (boolean w : objectWrites) {
            if (w) {
                return true;
            }
        }
        return false;
    }

    /** Whether the step wrote anything or changed unobservable state: repeating it may differ. */
    public boolean changesState() {
        return changed || writes();
    }

    /** Whether any object was recorded (the facade described the step precisely). */
    public boolean hasObjects() {
        return objects.length > 0;
    }

    /** Both steps touch a line or object, and at least one of them writes it. */
    public boolean conflictsWith(Touches o) {
        return overlap(this, o, true);
    }

    /** This step writes a line or object that {@code read} touches (reads or writes). */
    public boolean writesInto(Touches read) {
        return overlap(this, read, false);
    }

    /** Both together, as one step. */
    public Touches plus(Touches o) {
        if (o.isEmpty() && !o.changed) {
            return this;
        }
        if (isEmpty() && !changed) {
            return o;
        }
        long[] r = new long[ranges.length + o.ranges.length];
        System.arraycopy(ranges, 0, r, 0, ranges.length);
        System.arraycopy(o.ranges, 0, r, ranges.length, o.ranges.length);
        boolean[] rw = new boolean[rangeWrites.length + o.rangeWrites.length];
        System.arraycopy(rangeWrites, 0, rw, 0, rangeWrites.length);
        System.arraycopy(o.rangeWrites, 0, rw, rangeWrites.length, o.rangeWrites.length);
        Object[] ob = new Object[objects.length + o.objects.length];
        System.arraycopy(objects, 0, ob, 0, objects.length);
        System.arraycopy(o.objects, 0, ob, objects.length, o.objects.length);
        boolean[] ow = new boolean[objectWrites.length + o.objectWrites.length];
        System.arraycopy(objectWrites, 0, ow, 0, objectWrites.length);
        System.arraycopy(o.objectWrites, 0, ow, objectWrites.length, o.objectWrites.length);
        return new Touches(r, rw, ob, ow, changed || o.changed);
    }

    /**
     * Whether {@code a} touches something {@code b} touches where {@code a} writes, or (with
     * {@code eitherWrites}) where either writes.
     */
    private static boolean overlap(Touches a, Touches b, boolean eitherWrites) {
        for (int i = 0; i < a.rangeWrites.length; i++) {
            for (int j = 0; j < b.rangeWrites.length; j++) {
                boolean write = a.rangeWrites[i] || (eitherWrites && b.rangeWrites[j]);
                if (write && a.ranges[2 * i] <= b.ranges[2 * j + 1] && b.ranges[2 * j] <= a.ranges[2 * i + 1]) {
                    return true;
                }
            }
        }
        for (int i = 0; i < a.objects.length; i++) {
            for (int j = 0; j < b.objects.length; j++) {
                if ((a.objectWrites[i] || (eitherWrites && b.objectWrites[j])) && a.objects[i].equals(b.objects[j])) {
                    return true;
                }
            }
        }
        return false;
    }

    @Override
    public String toString() {
        List<String> parts = new ArrayList<>();
        for (int i = 0; i < rangeWrites.length; i++) {
            parts.add((rangeWrites[i] ? "W" : "R") + " 0x" + Long.toHexString(ranges[2 * i]) + "..0x"
                    + Long.toHexString(ranges[2 * i + 1]));
        }
        for (int i = 0; i < objects.length; i++) {
            parts.add((objectWrites[i] ? "W " : "R ") + objects[i]);
        }
        if (changed) {
            parts.add("changed");
        }
        return String.join(", ", parts);
    }
}
