package org.dmasim.interpreter.builtins;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Every builtin and constant, declared once. The evaluator, the REPL's completion and
 * {@code :help}, the reference docs and the polyglot bindings all read this registry.
 */
public final class BuiltinRegistry {
    /** The barrier builtins: every other kernel call orders the CPU's accesses like a full barrier. */
    public static final java.util.Set<String> ORDERING = BarrierBuiltins.NAMES;
    /** The MMIO accessors (readl, writel_relaxed, ...): a scheduling point, and only the ordering of their barrier. */
    public static final java.util.Set<String> MMIO = MmioBuiltins.NAMES;

    private static final BuiltinRegistry STANDARD = new BuiltinRegistry(groups(), Constants.all());

    private final Map<String, Builtin> builtins = new LinkedHashMap<>();
    private final Map<String, Constant> constants = new LinkedHashMap<>();

    private BuiltinRegistry(List<Builtin> builtins, List<Constant> constants) {
        for (Builtin b : builtins) {
            if (this.builtins.put(b.name(), b) != null) {
                throw new IllegalStateException("builtin declared twice: " + b.name());
            }
        }
        for (Constant c : constants) {
            if (this.constants.put(c.name(), c) != null || this.builtins.containsKey(c.name())) {
                throw new IllegalStateException("name declared twice: " + c.name());
            }
        }
    }

    /** The one explicit list of builtin groups. */
    private static List<Builtin> groups() {
        List<Builtin> all = new ArrayList<>();
        all.addAll(PageBuiltins.all());
        all.addAll(MemoryBuiltins.all());
        all.addAll(CoherentBuiltins.all());
        all.addAll(PoolBuiltins.all());
        all.addAll(StreamingBuiltins.all());
        all.addAll(SgBuiltins.all());
        all.addAll(MaskBuiltins.all());
        all.addAll(DmaBufBuiltins.all());
        all.addAll(PinBuiltins.all());
        all.addAll(UserSpaceBuiltins.all());
        all.addAll(SyncBuiltins.all());
        all.addAll(ResvLockBuiltins.all());
        all.addAll(DrmPrimeBuiltins.all());
        all.addAll(IoAccessBuiltins.all());
        all.addAll(IosysMapBuiltins.all());
        all.addAll(PatBuiltins.all());
        all.addAll(DeviceMemoryBuiltins.all());
        all.addAll(ValueBuiltins.all());
        all.addAll(HardwareEventBuiltins.all());
        all.addAll(LookingBuiltins.all());
        all.addAll(FenceBuiltins.all());
        all.addAll(BarrierBuiltins.all());
        all.addAll(MmioBuiltins.all());
        return all;
    }

    public static BuiltinRegistry standard() {
        return STANDARD;
    }

    /** Whether {@code name} is a builtin or a constant. */
    public boolean binds(String name) {
        return builtins.containsKey(name) || constants.containsKey(name);
    }

    public Optional<Builtin> builtin(String name) {
        return Optional.ofNullable(builtins.get(name));
    }

    public Optional<Constant> constant(String name) {
        return Optional.ofNullable(constants.get(name));
    }

    public List<Builtin> builtins() {
        return Collections.unmodifiableList(new ArrayList<>(builtins.values()));
    }

    public List<Constant> constants() {
        return Collections.unmodifiableList(new ArrayList<>(constants.values()));
    }

    /**
     * The kinds of value a builtin returns, or null when none are declared (then anything); the
     * type checker infers from it, and every call checks it.
     */
    public java.util.Set<org.dmasim.interpreter.eval.ValueKind> result(String name) {
        return ResultTypes.of(name);
    }

    /** Every name the registry binds (for did-you-mean and completion). */
    public List<String> names() {
        List<String> names = new ArrayList<>(builtins.keySet());
        names.addAll(constants.keySet());
        return names;
    }
}
