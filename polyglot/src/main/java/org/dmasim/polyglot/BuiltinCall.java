package org.dmasim.polyglot;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.dmasim.interpreter.builtins.ArgumentBinder;
import org.dmasim.interpreter.builtins.Builtin;
import org.dmasim.interpreter.builtins.Param;
import org.dmasim.interpreter.eval.Interpreter;
import org.graalvm.polyglot.proxy.ProxyExecutable;

/**
 * One builtin, callable from the guest under its {@code .dma} name. Arguments bind like a
 * {@code .dma} call's: positional, then keywords from a trailing object ({@code {peer2peer: true}},
 * a Python dict) whose keys all name parameters.
 */
final class BuiltinCall implements ProxyExecutable {
    private final Host host;
    private final Builtin builtin;

    BuiltinCall(Host host, Builtin builtin) {
        this.host = host;
        this.builtin = builtin;
    }

    @Override
    public Object execute(org.graalvm.polyglot.Value... arguments) {
        return host.event(builtin.name(), false, Interpreter.isPure(builtin.name()), true, site -> {
            List<ArgumentBinder.Given> given = given(arguments);
            var bound = ArgumentBinder.bind(builtin, given);
            // a call that fails leaves the machine as it was (its reports dropped, its page faults
            // undone), as in .dma; the explorer's signals unwind through it and keep what it did
            var machine = host.kernel().machine();
            return host.conversions().toGuest(machine.atomically(() -> builtin.implementation().call(host.callContext(site),
                    bound), Interpreter::undoesFailedCall));
        }, r -> r instanceof OutcomesObject);
    }

    private List<ArgumentBinder.Given> given(org.graalvm.polyglot.Value[] arguments) {
        List<ArgumentBinder.Given> given = new ArrayList<>(arguments.length);
        int positional = arguments.length;
        Map<String, org.graalvm.polyglot.Value> keywords = null;
        if (arguments.length > 0) {
            Map<String, org.graalvm.polyglot.Value> last = Conversions.entries(arguments[arguments.length - 1]);
            if (last != null && !last.isEmpty() && last.keySet().stream().allMatch(this::isParam)) {
                keywords = last;
                positional--;
            }
        }
        for (int i = 0; i < positional; i++) {
            given.add(new ArgumentBinder.Given(null, host.conversions().toValue(arguments[i])));
        }
        if (keywords != null) {
            keywords.forEach((k, v) -> given.add(new ArgumentBinder.Given(k, host.conversions().toValue(v))));
        }
        return given;
    }

    private boolean isParam(String name) {
        for (Param p : builtin.params()) {
            if (p.name().equals(name)) {
                return true;
            }
        }
        return false;
    }

    @Override
    public String toString() {
        return "builtin " + builtin.signature();
    }
}
