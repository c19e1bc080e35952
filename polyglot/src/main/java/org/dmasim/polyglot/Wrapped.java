package org.dmasim.polyglot;

import java.util.Map;
import java.util.function.Supplier;
import org.dmasim.interpreter.eval.FieldAccess;
import org.dmasim.interpreter.eval.Printer;
import org.dmasim.interpreter.eval.Value;
import org.graalvm.polyglot.proxy.ProxyArray;
import org.graalvm.polyglot.proxy.ProxyExecutable;
import org.graalvm.polyglot.proxy.ProxyObject;

/**
 * A script value seen from the guest: its fields as {@code .dma} shows them ({@code m.dma},
 * {@code buf.phys}, {@code c.cpu}), {@code toString()} as {@code print} shows it; read-only.
 */
class Wrapped implements ProxyObject {
    final Host host;
    private final Value value;

    Wrapped(Host host, Value value) {
        this.host = host;
        this.value = value;
    }

    Value value() {
        return value;
    }

    /** Members beyond the value's fields (methods of devices and outcomes). */
    Object extra(String key) {
        return null;
    }

    String[] extraKeys() {
        return new String[0];
    }

    @Override
    public Object getMember(String key) {
        if (key.equals("toString")) {
            return (ProxyExecutable) args -> Printer.describe(value);
        }
        Object e = extra(key);
        if (e != null) {
            return e;
        }
        Supplier<Value> f = FieldAccess.fields(value, host.kernel()).get(key);
        return f == null ? null : host.conversions().toGuest(f.get());
    }

    @Override
    public Object getMemberKeys() {
        Map<String, Supplier<Value>> fields = FieldAccess.fields(value);
        String[] extra = extraKeys();
        Object[] keys = new Object[fields.size() + extra.length];
        int i = 0;
        for (String k : fields.keySet()) {
            keys[i++] = k;
        }
        for (String k : extra) {
            keys[i++] = k;
        }
        return ProxyArray.fromArray(keys);
    }

    @Override
    public boolean hasMember(String key) {
        return key.equals("toString") || extra(key) != null || FieldAccess.fields(value).containsKey(key);
    }

    @Override
    public void putMember(String key, org.graalvm.polyglot.Value v) {
        throw new UnsupportedOperationException("dmasim objects are read-only");
    }

    @Override
    public boolean removeMember(String key) {
        throw new UnsupportedOperationException("dmasim objects are read-only");
    }

    @Override
    public String toString() {
        return Printer.describe(value);
    }
}
