package org.dmasim.interpreter.check;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The static types of the names in scope at one point of a script, innermost scope last. Copied at a
 * branch and joined where the branches meet, so a name's type is what it may hold there.
 */
final class Scopes {
    /** One scope: the types of the names defined so far, and every name its statements declare. */
    private record Frame(Map<String, StaticType> types, Set<String> declared) {
    }

    private final List<Frame> frames = new ArrayList<>();

    Scopes copy() {
        Scopes c = new Scopes();
        for (Frame f : frames) {
            c.frames.add(new Frame(new HashMap<>(f.types()), f.declared()));
        }
        return c;
    }

    void push(Set<String> declared) {
        frames.add(new Frame(new HashMap<>(), declared));
    }

    void pop() {
        frames.remove(frames.size() - 1);
    }

    int depth() {
        return frames.size();
    }

    void define(String name, StaticType type) {
        frames.get(frames.size() - 1).types().put(name, type);
    }

    void defineGlobal(String name, StaticType type) {
        frames.get(0).types().put(name, type);
    }

    /** Sets the type of a defined name where it is defined; returns that scope's depth (0: global), or -1. */
    int assign(String name, StaticType type) {
        for (int i = frames.size() - 1; i >= 0; i--) {
            if (frames.get(i).types().containsKey(name)) {
                frames.get(i).types().put(name, type);
                return i;
            }
        }
        return -1;
    }

    /** The type of a defined name, or null. */
    StaticType lookup(String name) {
        for (int i = frames.size() - 1; i >= 0; i--) {
            StaticType t = frames.get(i).types().get(name);
            if (t != null) {
                return t;
            }
        }
        return null;
    }

    /** Whether an enclosing scope declares {@code name} further on (using it here fails at run time). */
    boolean declaredLater(String name) {
        return lookup(name) == null && frames.stream().anyMatch(f -> f.declared().contains(name));
    }

    /** What each name may hold after this path or {@code other} (same scopes, as after an if). */
    void joinFrom(Scopes other) {
        for (int i = 0; i < frames.size() && i < other.frames.size(); i++) {
            Map<String, StaticType> mine = frames.get(i).types();
            Map<String, StaticType> theirs = other.frames.get(i).types();
            for (var e : theirs.entrySet()) {
                StaticType t = mine.get(e.getKey());
                mine.put(e.getKey(), t == null ? e.getValue() : t.join(e.getValue()));
            }
        }
    }

    /** Same names with the same types. */
    boolean sameAs(Scopes other) {
        if (frames.size() != other.frames.size()) {
            return false;
        }
        for (int i = 0; i < frames.size(); i++) {
            if (!frames.get(i).types().equals(other.frames.get(i).types())) {
                return false;
            }
        }
        return true;
    }

    /** Every name whose type differs from {@code other}'s becomes any value (a loop that does not settle). */
    void widenFrom(Scopes other) {
        for (int i = 0; i < frames.size() && i < other.frames.size(); i++) {
            Map<String, StaticType> mine = frames.get(i).types();
            for (var e : mine.entrySet()) {
                if (!e.getValue().equals(other.frames.get(i).types().get(e.getKey()))) {
                    e.setValue(StaticType.UNKNOWN);
                }
            }
        }
    }
}
