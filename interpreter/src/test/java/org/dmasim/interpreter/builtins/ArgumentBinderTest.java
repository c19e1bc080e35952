package org.dmasim.interpreter.builtins;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.dmasim.interpreter.eval.Value;
import org.dmasim.interpreter.eval.ValueKind;

/**
 * The binder's array path (no map per call) binds exactly as the general {@link ArgumentBinder#match}
 * does, and fails with the same error, for every builtin of the registry.
 */
class ArgumentBinderTest {
    private static final List<Builtin> BUILTINS = BuiltinRegistry.standard().builtins();
    private static final List<Value> VALUES = List.of(new Value.Int(2), new Value.Int(0), Value.Bool.of(true),
            new Value.Str("x"), Value.Null.NULL, new Value.ListValue(List.of(new Value.Int(1))));

    record Call(Builtin builtin, String[] keys, Value[] values) {
        @Override
        public String toString() {
            return builtin.name() + " " + java.util.Arrays.toString(keys) + " " + java.util.Arrays.toString(values);
        }
    }

    @Provide
    Arbitrary<Call> calls() {
        return Arbitraries.of(BUILTINS).flatMap(b -> {
            List<String> names = new ArrayList<>();
            b.params().forEach(p -> names.add(p.name()));
            names.add("no_such_parameter");
            Arbitrary<String> key = Arbitraries.oneOf(Arbitraries.just(null), Arbitraries.of(names))
                    .injectNull(0.5);
            int most = b.params().size() + 2;
            return Combinators.combine(key.list().ofMaxSize(most), Arbitraries.of(VALUES).list().ofSize(most))
                    .as((keys, values) -> new Call(b, keys.toArray(String[]::new),
                            values.subList(0, keys.size()).toArray(Value[]::new)));
        });
    }

    @Property(tries = 3000)
    void theArrayPathBindsAsTheGeneralMatch(@ForAll("calls") Call c) {
        List<ArgumentBinder.Written<Value>> written = new ArrayList<>();
        for (int i = 0; i < c.keys().length; i++) {
            written.add(new ArgumentBinder.Written<>(c.keys()[i], c.values()[i]));
        }
        Map<String, Value> expected;
        try {
            expected = ArgumentBinder.match(c.builtin(), written, v -> EnumSet.of(ValueKind.of(v)), Value::typeName);
        } catch (CallError e) {
            CallError got = assertThrows(CallError.class, () -> ArgumentBinder.bind(c.builtin(), c.keys(), c.values()));
            assertEquals(e.getMessage(), got.getMessage());
            assertEquals(e.argument(), got.argument());
            assertEquals(e.help(), got.help());
            return;
        }
        Arguments args = ArgumentBinder.bind(c.builtin(), c.keys(), c.values());
        for (Param p : c.builtin().params()) {
            Value want = expected.containsKey(p.name()) ? expected.get(p.name()) : p.defaultValue();
            assertEquals(want != null, args.has(p.name()), p.name());
            if (want != null) {
                assertEquals(want, args.value(p.name()), p.name());
            }
        }
    }
}
