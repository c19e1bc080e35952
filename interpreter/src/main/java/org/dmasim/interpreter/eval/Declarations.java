package org.dmasim.interpreter.eval;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.dmasim.engine.machine.ArchProfile;
import org.dmasim.engine.machine.Device;
import org.dmasim.engine.machine.DeviceConfig;
import org.dmasim.engine.machine.MachineConfig;
import org.dmasim.interpreter.ast.Expr;
import org.dmasim.interpreter.ast.Field;
import org.dmasim.interpreter.ast.Span;
import org.dmasim.interpreter.ast.Statement;
import org.dmasim.interpreter.diag.SourceFile;
import org.dmasim.interpreter.diag.Suggestions;
import org.dmasim.interpreter.lang.Properties;

/** {@code arch}, {@code machine}, {@code device}, {@code preset} and {@code profile} (docs/language.md, "Declarations"). */
final class Declarations {
    private static final List<String> MACHINE_FIELDS = Properties.names(Properties.machine());

    private final Evaluator ev;

    Declarations(Evaluator ev) {
        this.ev = ev;
    }

    void arch(Statement.ArchDecl d) {
        Interpreter in = ev.interpreter;
        String name = in.archOverride() != null ? in.archOverride() : d.name();
        if (in.archOverride() != null && in.archSet()) {
            return; // --arch replaces the script's choice
        }
        in.kernel().setProfile(profile(name, d.nameSpan()), ev.site(d.span()));
        in.markArchSet();
    }

    /** Applies --arch before the first statement of a script that names none. */
    static void applyOverride(Interpreter in) {
        if (in.archOverride() != null && !in.archSet()) {
            Evaluator ev = new Evaluator(in, new SourceFile("--arch", in.archOverride()), null, true);
            in.kernel().setProfile(new Declarations(ev).profile(in.archOverride(), new Span(0, in.archOverride().length())),
                    org.dmasim.engine.Site.NONE);
            in.markArchSet();
        }
    }

    /** A profile the script declared, or {@code stdlib/arch/NAME.dma}. */
    ArchProfile profile(String name, Span at) {
        Interpreter in = ev.interpreter;
        ArchProfile p = in.profiles().get(name);
        if (p != null) {
            return p;
        }
        Optional<String> text = Stdlib.read("arch/" + name + ".dma");
        if (text.isPresent()) {
            SourceFile file = new SourceFile("stdlib/arch/" + name + ".dma", text.get());
            in.execute(in.loader().load(file), file, null, true);
            p = in.profiles().get(name);
        }
        if (p == null) {
            List<String> known = new ArrayList<>(Stdlib.index("arch"));
            known.addAll(in.profiles().keySet());
            String near = Suggestions.closest(name, known);
            throw ev.error("unknown arch '" + name + "'", at,
                    near != null ? "did you mean '" + near + "'?" : "known arches: " + String.join(", ", known));
        }
        return p;
    }

    void machine(Statement.MachineDecl d, Environment env) {
        MachineConfig c = ev.interpreter.kernel().machineConfig();
        for (Field f : d.fields()) {
            String key = known(f, MACHINE_FIELDS);
            if (key.equals("noncoherent_cache_ops")) {
                if (!(ev.expressions.evaluate(f.value(), env) instanceof Value.Bool b)) {
                    throw ev.error("noncoherent_cache_ops must be true or false", f.span(),
                            "noncoherent_cache_ops: false models a riscv platform without Zicbom or vendor cache ops");
                }
                c = c.withNoncoherentCacheOps(b.value());
                continue;
            }
            long v = integer(f, env);
            c = switch (key) {
                case "ram" -> c.withRam(v);
                case "ram_base" -> c.withRamBase(v);
                case "swiotlb" -> c.withSwiotlb(v);
                case "zone_dma" -> c.withZoneDma(v);
                case "cpus" -> c.withCpus((int) Math.max(1, Math.min(v, 4096)));
                default -> c.withMemoryBudget(v);
            };
        }
        ev.interpreter.kernel().configure(c, ev.site(d.span()));
    }

    void preset(Statement.PresetDecl d, Environment env) {
        Map<String, Value> fields = new LinkedHashMap<>();
        if (d.base() != null) {
            fields.putAll(presetFields(d.base(), d.baseSpan()));
        }
        fields.putAll(properties(d.fields(), env, DeviceProperties.NAMES));
        ev.interpreter.presets().put(d.name(), fields);
    }

    void device(Statement.DeviceDecl d, Environment env) {
        Map<String, Value> fields = new LinkedHashMap<>();
        if (d.preset() != null) {
            fields.putAll(presetFields(d.preset(), d.presetSpan()));
        }
        fields.putAll(properties(d.fields(), env, DeviceProperties.NAMES));
        DeviceConfig config = DeviceProperties.config(d.name(), fields, d, ev);
        Device device = ev.interpreter.kernel().addDevice(config, ev.site(d.span()));
        ev.interpreter.globals().define(d.name(), new Value.DeviceValue(device));
    }

    void profile(Statement.ProfileDecl d, Environment env) {
        Map<String, Value> fields = properties(d.fields(), env, ProfileProperties.NAMES);
        ev.interpreter.profiles().put(d.name(), ProfileProperties.profile(d, fields, ev));
    }

    private Map<String, Value> presetFields(String name, Span at) {
        Interpreter in = ev.interpreter;
        Map<String, Value> p = in.presets().get(name);
        if (p == null) {
            Optional<String> text = Stdlib.read("devices/" + name + ".dma");
            if (text.isPresent()) {
                SourceFile file = new SourceFile("stdlib/devices/" + name + ".dma", text.get());
                in.execute(in.loader().load(file), file, null, true);
                p = in.presets().get(name);
            }
        }
        if (p == null) {
            List<String> known = new ArrayList<>(Stdlib.index("devices"));
            known.addAll(in.presets().keySet());
            String near = Suggestions.closest(name, known);
            throw ev.error("unknown device preset '" + name + "'", at,
                    near != null ? "did you mean '" + near + "'?" : "declare it: preset " + name + " { ... }");
        }
        return p;
    }

    /**
     * Evaluates a property block. A bare name that is not bound stands for itself, so profiles
     * and devices can say {@code clean} or {@code driver: shmem}.
     */
    Map<String, Value> properties(List<Field> fields, Environment env, List<String> allowed) {
        Map<String, Value> out = new LinkedHashMap<>();
        for (Field f : fields) {
            known(f, allowed);
            if (out.put(f.key(), symbolic(f.value(), env)) != null) {
                throw ev.error("property '" + f.key() + "' given twice", f.keySpan(), null);
            }
        }
        return out;
    }

    private Value symbolic(Expr e, Environment env) {
        if (e instanceof Expr.Name n && env.lookup(n.name()) == null
                && ev.interpreter.registry().constant(n.name()).isEmpty()) {
            return new Value.Str(n.name());
        }
        if (e instanceof Expr.RecordLiteral r) {
            Map<String, Value> m = new LinkedHashMap<>();
            for (Field f : r.fields()) {
                m.put(f.key(), symbolic(f.value(), env));
            }
            return new Value.RecordValue(m);
        }
        return ev.expressions.evaluate(e, env);
    }

    private String known(Field f, List<String> allowed) {
        if (!allowed.contains(f.key())) {
            String near = Suggestions.closest(f.key(), allowed);
            throw ev.error("unknown property '" + f.key() + "'", f.keySpan(),
                    near != null ? "did you mean '" + near + "'?" : "known properties: " + String.join(", ", allowed));
        }
        return f.key();
    }

    private long integer(Field f, Environment env) {
        return ev.expressions.integer(f.value(), env);
    }
}
