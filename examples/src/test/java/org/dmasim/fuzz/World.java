package org.dmasim.fuzz;

import java.util.ArrayList;
import java.util.List;

/**
 * What a generated program has made so far, symbolically: the names it bound and what they hold.
 * The writer picks the operands of each step from here, so references resolve; whether the
 * objects really exist at run time (an allocation may fail, a buffer may be freed) is left to
 * the run, which is the point.
 */
final class World {
    enum Type {
        DEVICE, PAGES, KMALLOC, VMALLOC, SHMEM, STACK, RODATA, COHERENT, NONCOHERENT, MAPPING, RESOURCE, SG, DMABUF, FD, ATTACHMENT,
        ATT_SGT, VMAP, MMAP, GEM, VRAM, RX_RING, TX_RING, PRODUCER, CONSUMER, JOB, FENCE, POOL
    }

    /**
     * A bound name. {@code device} is the device it belongs to (mappings, attachments), {@code size}
     * its requested size, {@code dir} the direction it was mapped with, {@code of} what it was made from.
     */
    record Obj(String name, Type type, long size, String device, int dir, Obj of, boolean vram) {
    }

    private final List<Obj> objects = new ArrayList<>();
    private int counter;

    String fresh(String prefix) {
        return prefix + (++counter);
    }

    Obj add(String name, Type type, long size, String device, int dir, Obj of) {
        return add(new Obj(name, type, size, device, dir, of, false));
    }

    Obj add(Obj o) {
        objects.add(o);
        return o;
    }

    /** The same name now holds {@code now} (an sg table after it was mapped). */
    void replace(Obj before, Obj now) {
        int i = objects.indexOf(before);
        if (i >= 0) {
            objects.set(i, now);
        }
    }

    /** One of the objects of these types, chosen by {@code pick}; null when there is none. */
    Obj pick(int pick, Type... types) {
        List<Obj> found = of(types);
        return found.isEmpty() ? null : found.get(Math.floorMod(pick, found.size()));
    }

    List<Obj> of(Type... types) {
        List<Obj> found = new ArrayList<>();
        for (Obj o : objects) {
            for (Type t : types) {
                if (o.type() == t) {
                    found.add(o);
                    break;
                }
            }
        }
        return found;
    }

    Obj device(int pick) {
        return pick(pick, Type.DEVICE);
    }

    Obj device(String name) {
        for (Obj o : objects) {
            if (o.type() == Type.DEVICE && o.name().equals(name)) {
                return o;
            }
        }
        return null;
    }

    /** Any object, for print() and wrong arguments. */
    Obj any(int pick) {
        return objects.isEmpty() ? null : objects.get(Math.floorMod(pick, objects.size()));
    }
}
