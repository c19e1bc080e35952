package org.dmasim.polyglot;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Pattern;
import org.dmasim.interpreter.builtins.Builtin;
import org.dmasim.interpreter.builtins.Constant;
import org.dmasim.interpreter.eval.Value;
import org.graalvm.polyglot.proxy.ProxyArray;
import org.graalvm.polyglot.proxy.ProxyExecutable;
import org.graalvm.polyglot.proxy.ProxyObject;

/**
 * The {@code dmasim} global (docs/javascript-python.md), generated from the builtin registry: every builtin
 * under its {@code .dma} name, every constant, and {@code arch}, {@code machine}, {@code device},
 * {@code cpu}, {@code eval}. Read-only: the script cannot replace or add members.
 */
final class DmasimObject implements ProxyObject {
    private static final Pattern NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");

    private final Map<String, Object> members = new LinkedHashMap<>();
    private final Host host;

    DmasimObject(Host host) {
        this.host = host;
        for (Builtin b : host.registry().builtins()) {
            members.put(b.name(), new BuiltinCall(host, b));
        }
        for (Constant c : host.registry().constants()) {
            members.put(c.name(), host.conversions().toGuest(c.value()));
        }
        Access cpu = new Access(host, null);
        members.put("cpu", new Methods(Map.of("read", cpu.read(false), "probe", cpu.read(true), "write", cpu.write()), "cpu"));
        members.put("arch", (ProxyExecutable) this::arch);
        members.put("machine", (ProxyExecutable) this::machine);
        members.put("device", (ProxyExecutable) this::device);
        members.put("reset", (ProxyExecutable) args -> {
            if (args.length > 1 || args.length == 1 && !(args[0].isString() && NAME.matcher(args[0].asString()).matches())) {
                throw host.error("dmasim.reset takes nothing, or the arch of the new machine, e.g. dmasim.reset(\"x86_64\")");
            }
            host.reset(args.length == 1 ? args[0].asString() : null);
            return null;
        });
        AsyncJobs jobs = new AsyncJobs(host);
        members.put("async", (ProxyExecutable) jobs::start);
        members.put("async_", (ProxyExecutable) jobs::start); // async is a keyword in Python
        members.put("wait", (ProxyExecutable) jobs::await);
        members.put("eval", (ProxyExecutable) args -> {
            if (args.length != 1 || !args[0].isString()) {
                throw host.error("dmasim.eval takes one string of .dma statements");
            }
            return host.eval(args[0].asString());
        });
    }

    /** {@code dmasim.arch("arm64")}: the {@code arch} declaration. */
    private Object arch(org.graalvm.polyglot.Value... args) {
        if (args.length != 1 || !args[0].isString() || !NAME.matcher(args[0].asString()).matches()) {
            throw host.error("dmasim.arch takes the name of an arch profile, e.g. dmasim.arch(\"arm64\")");
        }
        host.eval("arch " + args[0].asString());
        return null;
    }

    /** {@code dmasim.machine({ram: 8 * 1024 ** 3})}: the {@code machine} declaration. */
    private Object machine(org.graalvm.polyglot.Value... args) {
        if (args.length != 1 || Conversions.entries(args[0]) == null) {
            throw host.error("dmasim.machine takes one object of properties, e.g. {ram: 8 * 1024 ** 3}");
        }
        host.eval("machine " + properties(args[0]));
        return null;
    }

    /** {@code dmasim.device("nic", {dma_mask: 64})} or {@code device("cam", "v4l2_camera", {...})}. */
    private Object device(org.graalvm.polyglot.Value... args) {
        boolean preset = args.length >= 2 && args[1].isString();
        int propsAt = preset ? 2 : 1;
        if (args.length < 1 || !args[0].isString() || !NAME.matcher(args[0].asString()).matches()
                || args.length > propsAt + 1 || preset && !NAME.matcher(args[1].asString()).matches()
                || args.length == propsAt + 1 && Conversions.entries(args[propsAt]) == null) {
            throw host.error("dmasim.device takes a name, an optional preset and an object of properties,"
                    + " e.g. dmasim.device(\"nic\", {dma_mask: 64, coherent: false})");
        }
        String name = args[0].asString();
        String text = "device " + name + (preset ? ": " + args[1].asString() : "") + " "
                + (args.length == propsAt + 1 ? properties(args[propsAt]) : "{}");
        host.eval(text);
        return host.conversions().toGuest(host.interpreter().globals().lookup(name));
    }

    /** A property object as {@code .dma} text: {@code { dma_mask: 64, driver: shmem }}. */
    private String properties(org.graalvm.polyglot.Value object) {
        StringBuilder b = new StringBuilder("{ ");
        boolean first = true;
        for (var e : Conversions.entries(object).entrySet()) {
            if (!NAME.matcher(e.getKey()).matches()) {
                throw host.error("'" + e.getKey() + "' is not a property name");
            }
            b.append(first ? "" : ", ").append(e.getKey()).append(": ").append(literal(e.getKey(), e.getValue()));
            first = false;
        }
        return b.append(" }").toString();
    }

    private String literal(String key, org.graalvm.polyglot.Value g) {
        Value v;
        try {
            v = host.conversions().toValue(g);
        } catch (GuestError e) {
            throw host.error(key + ": " + e.getMessage());
        }
        return switch (v) {
            case Value.Int i -> Long.toUnsignedString(i.value());
            case Value.Bool bool -> Boolean.toString(bool.value());
            case Value.Str s when NAME.matcher(s.value()).matches() -> s.value();
            case Value.Str s -> '"' + s.value().replace("\\", "\\\\").replace("\"", "\\\"").replace("\n", "\\n") + '"';
            default -> throw host.error(key + " must be a number, a boolean or a name, not " + v.typeName());
        };
    }

    @Override
    public Object getMember(String key) {
        return members.get(key);
    }

    @Override
    public Object getMemberKeys() {
        return ProxyArray.fromArray(members.keySet().toArray());
    }

    @Override
    public boolean hasMember(String key) {
        return members.containsKey(key);
    }

    @Override
    public void putMember(String key, org.graalvm.polyglot.Value value) {
        throw new UnsupportedOperationException("the dmasim object is read-only");
    }

    @Override
    public boolean removeMember(String key) {
        throw new UnsupportedOperationException("the dmasim object is read-only");
    }

    @Override
    public String toString() {
        return "dmasim (" + members.size() + " names)";
    }

    /** A fixed set of functions ({@code dmasim.cpu}). */
    record Methods(Map<String, ProxyExecutable> methods, String name) implements ProxyObject {
        @Override
        public Object getMember(String key) {
            return methods.get(key);
        }

        @Override
        public Object getMemberKeys() {
            return ProxyArray.fromArray(methods.keySet().toArray());
        }

        @Override
        public boolean hasMember(String key) {
            return methods.containsKey(key);
        }

        @Override
        public void putMember(String key, org.graalvm.polyglot.Value value) {
            throw new UnsupportedOperationException("dmasim." + name + " is read-only");
        }

        @Override
        public boolean removeMember(String key) {
            throw new UnsupportedOperationException("dmasim." + name + " is read-only");
        }

        @Override
        public String toString() {
            return name;
        }
    }
}
