package org.dmasim.interpreter.eval;

import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
import org.dmasim.interpreter.builtins.BuiltinRegistry;

/** A scope of bindings, chained to the scope it was opened in. */
public final class Environment {
    private final Environment parent;
    /** No map until the first binding: most scopes (a loop's round, an if's block) bind little or nothing. */
    private Map<String, Value> bindings = NONE;
    private static final Map<String, Value> NONE = Map.of();
    /**
     * A bit per name bound here (by its hash): a scope whose bit for a name is clear does not bind
     * it, and a look-up passes it without hashing into its map.
     */
    private long nameBits;
    /**
     * Whether this scope binds a name of the builtin registry (a script's own {@code print}): only
     * then does a registry name need looking up here (see {@link #seesRegistry()}).
     */
    private boolean shadowsRegistry;

    public Environment(Environment parent) {
        this.parent = parent;
    }

    public Environment child() {
        return new Environment(this);
    }

    /** {@code let}: a new binding in this scope (shadowing any outer one). */
    public void define(String name, Value value) {
        if (bindings == NONE) {
            bindings = new HashMap<>();
        }
        bindings.put(name, value);
        nameBits |= bit(name);
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
    private static long bit(String name) {
        return 1L << (name.hashCode() & 63);
    }

    public boolean assign(String name, Value value) {
        long bit = bit(name);
        for (Environment e = this; e != null; e = e.parent) {
            if ((e.nameBits & bit) != 0 && e.bindings.containsKey(name)) {
                e.bindings.put(name, value);
                return true;
            }
        }
        return false;
    }

    /** The value bound to {@code name}, or null. */
    public Value lookup(String name) {
        long bit = bit(name);
        for (Environment e = this; e != null; e = e.parent) {
            if ((e.nameBits & bit) != 0) {
                Value v = e.bindings.get(name);
                if (v != null) {
                    return v;
                }
            }
        }
        return null;
    }

    /** The value bound to {@code name} in this scope itself (not an enclosing one), or null. */
    public Value lookupLocal(String name) {
        return (nameBits & bit(name)) == 0 ? null : bindings.get(name);
    }

    /**
     * A scope holding what every visible name is bound to now, detached from this chain: what a
     * device job captures when it starts (the CPU's later assignments do not reach it).
     */
    public Environment frozenCopy() {
        Environment copy = new Environment(null);
        copy.bindings = new HashMap<>();
        for (Environment e = this; e != null; e = e.parent) {
            for (Map.Entry<String, Value> b : e.bindings.entrySet()) {
                copy.bindings.putIfAbsent(b.getKey(), b.getValue());
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
            names.addAll(e.bindings.keySet());
        }
        return names;
    }

    /** A copy of this scope chain, so a failed REPL statement can be rolled back. */
    public Map<String, Value> snapshot() {
        return new HashMap<>(bindings);
    }

    public void restore(Map<String, Value> snapshot) {
        if (bindings == NONE) {
            bindings = new HashMap<>();
        }
        bindings.clear();
        bindings.putAll(snapshot);
        nameBits = 0;
        snapshot.keySet().forEach(n -> nameBits |= bit(n));
        shadowsRegistry = snapshot.keySet().stream().anyMatch(BuiltinRegistry.standard()::binds);
    }
}
