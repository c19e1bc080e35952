package org.dmasim.interpreter.builtins;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.dmasim.interpreter.ScenarioRunner;
import org.dmasim.interpreter.ast.Statement;
import org.dmasim.interpreter.diag.SourceFile;
import org.dmasim.interpreter.eval.Environment;
import org.dmasim.interpreter.eval.Interpreter;
import org.dmasim.interpreter.eval.SilentListener;
import org.dmasim.interpreter.eval.SourceSite;
import org.dmasim.interpreter.eval.Value;
import org.dmasim.interpreter.eval.ValueKind;
import org.junit.jupiter.api.Test;

/** A parameter's test of a value itself (the binder's fast path) agrees with its test of the value's kind. */
class ParamTypeTest {
    @Test
    void acceptingAValueIsAcceptingItsKind() {
        List<Value> values = new ArrayList<>(List.of(new Value.Int(7), Value.Bool.of(true), new Value.Str("x"),
                Value.Null.NULL, new Value.ListValue(List.of(new Value.Int(1)))));
        SilentListener bindings = new SilentListener() {
            @Override
            public void statementDone(Statement statement, SourceSite site, Interpreter interpreter) {
                Environment globals = interpreter.globals();
                globals.visibleNames().forEach(n -> values.add(globals.lookup(n)));
            }
        };
        ScenarioRunner.run(new SourceFile("kinds.dma", """
                arch arm64
                device dev { dma_mask: 64 }
                let buf = alloc_pages(4KiB)
                let m = dma_map_single(dev, buf, DMA_TO_DEVICE)
                expect not dma_mapping_error(dev, m)
                let c = dma_alloc_coherent(dev, 4KiB)
                let cpu_part = buf[0..64]
                let dma_part = m[0..64]
                let table = { a: 1 }
                fn f() { return 1 }
                let seen = cpu reads buf[0..4]
                let builtin = print
                let word = u32(1)
                """), null, ScenarioRunner.Options.defaults(), bindings, System.out, System.err);
        Set<ValueKind> kinds = values.stream().map(ValueKind::of).collect(Collectors.toSet());
        assertTrue(kinds.containsAll(EnumSet.of(ValueKind.INT, ValueKind.BOOL, ValueKind.STRING, ValueKind.NULL,
                ValueKind.LIST, ValueKind.RECORD, ValueKind.FUNCTION, ValueKind.BUILTIN, ValueKind.DEVICE,
                ValueKind.VIEW, ValueKind.HANDLE, ValueKind.COHERENT, ValueKind.VIEW_SLICE, ValueKind.HANDLE_SLICE,
                ValueKind.BYTES, ValueKind.OUTCOMES)), "the script made values of " + kinds);
        for (ParamType p : ParamType.values()) {
            for (Value v : values) {
                assertEquals(p.accepts(ValueKind.of(v)), p.accepts(v), p + " of " + ValueKind.of(v));
            }
        }
    }
}
