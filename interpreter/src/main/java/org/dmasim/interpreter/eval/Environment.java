package org.dmasim.interpreter.eval;

import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
import org.dmasim.interpreter.builtins.BuiltinRegistry;

/**
 * A scope of bindings, chained to the scope it was opened in. A scope of the source has its
 * {@link Layout}: the names it declares live in an array, at the slots {@link Slots} worked out.
 * Other names (the global scope's, a device job's frozen copy) live in {@link Cell}s by name.
 */
public final class Environment {
    /**
     * A binding by name. The global scope keeps a name's cell for the whole run (a REPL rollback
     * empties it), so a use resolved to a global holds on to the cell instead of hashing the name.
     */
    static final class Cell {
        Value value;
    }

    private final Environment parent;
    /** The names at {@link #slots}, or null. */
    final Layout layout;
    /** The values of {@link #layout}'s names, null while unbound. */
    final Value[] slots;
    /** No map until the first binding by name: most scopes (a loop's round, an if's block) have a layout. */
    private Map<String, Cell> cells = NONE;
    private static final Map<String, Cell> NONE = Map.of();
    /**
     * A bit per name this scope may bind (by its hash): a scope whose bit for a name is clear does
     * not bind it, and a look-up passes it without searching it.
     */
    private long nameBits;
    /**
     * Whether this scope may bind a name of the builtin registry (a script's own {@code print}): only
     * then does a registry name need looking up here (see {@link #seesRegistry()}).
     */
    private boolean shadowsRegistry;
    /** Whether a function declared in this scope or one inside it holds on to it (its closure). */
    private boolean captured;

    public Environment(Environment parent) {
        this(parent, null);
    }

    Environment(Environment parent, Layout layout) {
        this.parent = parent;
        this.layout = layout;
        if (layout != null) {
            slots = new Value[layout.size()];
            nameBits = layout.bits();
            shadowsRegistry = layout.shadowsRegistry();
        } else {
            slots = null;
        }
    }

    public Environment child() {
        return new Environment(this);
    }

    /** A scope of the source, whose names {@code layout} gives slots (null: all by name). */
    Environment child(Layout layout) {
        return new Environment(this, layout);
    }

    /** A function's closure holds this scope and those around it: none of them may be {@link #reopened}. */
    void capture() {
        for (Environment e = this; e != null && !e.captured; e = e.parent) {
            e.captured = true;
        }
    }

    /**
     * This scope, emptied for the next round of the loop it belongs to, as {@link #child(Layout)}
     * would make it anew; or a new one when a closure holds this one. A loop's round costs no scope
     * object (it showed in the allocation profile of a long loop).
     */
    Environment reopened() {
        if (captured) {
            return new Environment(parent, layout);
        }
        if (slots != null) {
            java.util.Arrays.fill(slots, null);
            nameBits = layout.bits();
            shadowsRegistry = layout.shadowsRegistry();
        } else {
            nameBits = 0;
            shadowsRegistry = false;
        }
        cells = NONE;
        return this;
    }

    Environment parent() {
        return parent;
    }

    static long bit(String name) {
        return 1L << (name.hashCode() & 63);
    }

    /** {@code let}: a new binding in this scope (shadowing any outer one). */
    public void define(String name, Value value) {
        int slot = layout == null ? -1 : layout.indexOf(name);
        if (slot >= 0) {
            slots[slot] = value;
        } else {
            bind(cell(name), name, value);
        }
    }

    /** This scope's cell for {@code name}, made (unbound) when it has none. */
    Cell cell(String name) {
        if (cells == NONE) {
            cells = new HashMap<>();
        }
        Cell c = cells.get(name);
        if (c == null) {
            c = new Cell();
            cells.put(name, c);
            nameBits |= bit(name);
        }
        return c;
    }

    /** {@link #define} through this scope's cell {@code c} for {@code name}. */
    void bind(Cell c, String name, Value value) {
        c.value = value;
        if (!shadowsRegistry && BuiltinRegistry.standard().binds(name)) {
            shadowsRegistry = true;
        }
    }

    /**
     * Whether no scope from here out binds a builtin's or a constant's name: a registry name then
     * stands for the registry's builtin or constant, without a look-up per scope.
     */
    public boolean seesRegistry() {
        for (Environment e = this; e != null; e = e.parent) {
            if (e.shadowsRegistry) {
                return false;
            }
        }
        return true;
    }

    /** {@code name = value}: re-binds the nearest existing binding; false when there is none. */
    public boolean assign(String name, Value value) {
        long bit = bit(name);
        for (Environment e = this; e != null; e = e.parent) {
            if ((e.nameBits & bit) != 0) {
                int slot = e.layout == null ? -1 : e.layout.indexOf(name);
                if (slot >= 0 && e.slots[slot] != null) {
                    e.slots[slot] = value;
                    return true;
                }
                Cell c = e.cells.get(name);
                if (c != null && c.value != null) {
                    c.value = value;
                    return true;
                }
            }
        }
        return false;
    }

    /** The value bound to {@code name}, or null. */
    public Value lookup(String name) {
        long bit = bit(name);
        for (Environment e = this; e != null; e = e.parent) {
            if ((e.nameBits & bit) != 0) {
                Value v = e.own(name);
                if (v != null) {
                    return v;
                }
            }
        }
        return null;
    }

    private Value own(String name) {
        if (layout != null) {
            int slot = layout.indexOf(name);
            if (slot >= 0 && slots[slot] != null) {
                return slots[slot];
            }
        }
        Cell c = cells.get(name);
        return c == null ? null : c.value;
    }

    /** The value bound to {@code name} in this scope itself (not an enclosing one), or null. */
    public Value lookupLocal(String name) {
        return (nameBits & bit(name)) == 0 ? null : own(name);
    }

    /**
     * This scope's bindings: its slots' (in a hash map's order, as scopes kept them before slots), then
     * its cells' in their map's order.
     */
    private Map<String, Value> bindings() {
        Map<String, Value> out = new java.util.LinkedHashMap<>();
        if (layout != null) {
            Map<String, Value> bySlot = new HashMap<>();
            for (int i = 0; i < slots.length; i++) {
                if (slots[i] != null) {
                    bySlot.putIfAbsent(layout.name(i), slots[i]);
                }
            }
            out.putAll(bySlot);
        }
        for (Map.Entry<String, Cell> c : cells.entrySet()) {
            if (c.getValue().value != null) {
                out.putIfAbsent(c.getKey(), c.getValue().value);
            }
        }
        return out;
    }

    /**
     * A scope holding what every visible name is bound to now, detached from this chain: what a
     * device job captures when it starts (the CPU's later assignments do not reach it).
     */
    public Environment frozenCopy() {
        Environment copy = new Environment(null);
        copy.cells = new HashMap<>();
        for (Environment e = this; e != null; e = e.parent) {
            for (Map.Entry<String, Value> b : e.bindings().entrySet()) {
                if (!copy.cells.containsKey(b.getKey())) {
                    Cell c = new Cell();
                    c.value = b.getValue();
                    copy.cells.put(b.getKey(), c);
                }
            }
            copy.shadowsRegistry |= e.shadowsRegistry;
            copy.nameBits |= e.nameBits;
        }
        return copy;
    }

    /** Every name visible from here (for did-you-mean and REPL completion). */
    public Set<String> visibleNames() {
        Set<String> names = new LinkedHashSet<>();
        for (Environment e = this; e != null; e = e.parent) {
            names.addAll(e.bindings().keySet());
        }
        return names;
    }

    /** A copy of this scope's bindings, so a failed REPL statement can be rolled back. */
    public Map<String, Value> snapshot() {
        return new HashMap<>(bindings());
    }

    /** Back to {@code snapshot}: names bound since are unbound again (their cells stay, empty). */
    public void restore(Map<String, Value> snapshot) {
        if (slots != null) {
            for (int i = 0; i < slots.length; i++) {
                slots[i] = snapshot.get(layout.name(i));
            }
        }
        for (Map.Entry<String, Cell> c : cells.entrySet()) {
            c.getValue().value = snapshot.get(c.getKey());
        }
        shadowsRegistry = layout != null && layout.shadowsRegistry();
        for (Map.Entry<String, Value> b : snapshot.entrySet()) {
            if (layout == null || layout.indexOf(b.getKey()) < 0) {
                bind(cell(b.getKey()), b.getKey(), b.getValue());
            }
        }
    }
}
