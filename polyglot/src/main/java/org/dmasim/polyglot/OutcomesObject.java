package org.dmasim.polyglot;

import org.dmasim.interpreter.eval.OutcomeText;
import org.dmasim.interpreter.eval.Value;
import org.dmasim.interpreter.eval.Values;
import org.graalvm.polyglot.proxy.ProxyArray;
import org.graalvm.polyglot.proxy.ProxyExecutable;

/**
 * A read's outcome set: {@code values()} (each possible value as a read prints it),
 * {@code always(v)}, {@code sometimes(v)}, {@code never(v)}, and the fields {@code certain},
 * {@code stale}, {@code size}.
 */
final class OutcomesObject extends Wrapped {
    private static final String[] METHODS = {"values", "always", "sometimes", "never"};
    private final Value.Outcomes outcomes;

    OutcomesObject(Host host, Value.Outcomes outcomes) {
        super(host, outcomes);
        this.outcomes = outcomes;
    }

    @Override
    Object extra(String key) {
        return switch (key) {
            case "values" -> (ProxyExecutable) args -> ProxyArray.fromArray(
                    OutcomeText.lines(outcomes.result()).stream()
                            .map(l -> (Object) ((l.range() == null ? "" : "[" + l.range() + "] ") + l.value()))
                            .toArray());
            case "always" -> (ProxyExecutable) args -> outcomes.result().always(pattern(key, args));
            case "sometimes" -> (ProxyExecutable) args -> outcomes.result().sometimes(pattern(key, args));
            case "never" -> (ProxyExecutable) args -> outcomes.result().never(pattern(key, args));
            default -> null;
        };
    }

    @Override
    String[] extraKeys() {
        return METHODS.clone();
    }

    private byte[] pattern(String method, org.graalvm.polyglot.Value[] args) {
        return host.call(method, false, site -> {
            if (args.length != 1) {
                throw new GuestError("takes one value to compare with, got " + args.length);
            }
            return Values.toBytes(host.conversions().toValue(args[0]), outcomes.result().length(), host.kernel());
        });
    }
}
