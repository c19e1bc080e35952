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
        Map<String, Supplier<Value>> fields = FieldAccess.fields(value, host.kernel());
        Supplier<Value> f = fields.get(key);
        if (f == null && fieldLike(key)) {
            // as in .dma: a field the object does not have is a mistake, not undefined/None
            // (an attachment has no size: struct dma_buf_attachment has none)
            String help = FieldAccess.noFieldHelp(key, fields.keySet());
            throw host.error(FieldAccess.noField(value, key) + (help == null ? "" : " (" + help + ")"));
        }
        return f == null ? null : host.conversions().toGuest(f.get());
    }

    /**
     * Names the guest language itself looks up on any object (a promise's {@code then}, a
     * constructor, a length) stay undefined; every other lower-case name, the form of every dmasim
     * field, is a field the script asked for. Python's protocol names start with an underscore.
     */
    private static boolean fieldLike(String key) {
        if (key.isEmpty() || key.charAt(0) < 'a' || key.charAt(0) > 'z' || HOST_NAMES.contains(key)) {
            return false;
        }
        for (int i = 1; i < key.length(); i++) {
            char c = key.charAt(i);
            if (!(c >= 'a' && c <= 'z' || c >= '0' && c <= '9' || c == '_')) {
                return false;
            }
        }
        return true;
    }

    private static final java.util.Set<String> HOST_NAMES = java.util.Set.of("then", "constructor", "length",
            "prototype", "inspect", "caller", "arguments", "name", "message", "stack", "cause");

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
        // a field-like name the value lacks "exists" so that reading it reaches getMember's error
        return key.equals("toString") || fieldLike(key) || extra(key) != null || FieldAccess.fields(value).containsKey(key);
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
