package org.dmasim.polyglot;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.stream.Collectors;
import org.dmasim.interpreter.ScenarioRunner;
import org.dmasim.interpreter.builtins.BuiltinRegistry;
import org.dmasim.interpreter.diag.SourceFile;
import org.junit.jupiter.api.Test;

/** The {@code dmasim} global from JavaScript: generated from the registry, keywords, sweeps, errors. */
class BindingsTest {
    private static FrontEndsTest.Run js(String text) {
        return FrontEndsTest.runGuest(new SourceFile("t.js", text), Language.JS, FrontEndsTest.patient());
    }

    @Test
    void everyBuiltinAndConstantIsAMember() {
        String names = BuiltinRegistry.standard().names().stream().map(n -> "'" + n + "'")
                .collect(Collectors.joining(", "));
        FrontEndsTest.Run r = js("""
                const missing = [%s].filter(n => dmasim[n] === undefined);
                if (missing.length) throw new Error('missing: ' + missing);
                if (typeof dmasim.dma_map_single !== 'function') throw new Error('not callable');
                if (dmasim.DMA_FROM_DEVICE !== 2) throw new Error('constant ' + dmasim.DMA_FROM_DEVICE);
                """.formatted(names));
        assertEquals(0, r.exit(), r.output());
    }

    @Test
    void trailingObjectCarriesKeywordArguments() {
        FrontEndsTest.Run r = js("""
                dmasim.machine({ ram: 8 * 1024 ** 3 });
                const b = dmasim.alloc_pages(4096, { gfp: dmasim.GFP_DMA32 });
                if (b.phys >= 4 * 1024 ** 3) throw new Error('GFP_DMA32 ignored: ' + b.phys);
                """);
        assertEquals(0, r.exit(), r.output());
    }

    @Test
    void evalSeesScriptVariablesAndReportsItsVerdict() {
        FrontEndsTest.Run r = js("""
                const nic = dmasim.device('nic', { dma_mask: 64 });
                const buf = dmasim.alloc_pages(4096);
                dmasim.cpu.write(buf, 7);
                if (!dmasim.eval('expect cpu reads buf[0..8] == 7')) throw new Error('should hold');
                if (dmasim.eval('expect cpu reads buf[0..8] == 9')) throw new Error('should fail');
                """);
        assertEquals(ScenarioRunner.FAIL, r.exit(), r.output());
        assertEquals(1, r.recording().failedExpectations, r.output());
    }

    @Test
    void aDevicesBarIsTheSameAsInDma() {
        // found by fuzzing: .dma and JavaScript disagreed (nic.bar was null from JavaScript)
        FrontEndsTest.Run r = js("""
                const nic = dmasim.device('nic', { dma_mask: 64, vram: 16 * 1024 ** 2 });
                if (nic.bar === null || nic.bar.size !== 16 * 1024 ** 2) throw new Error('bar: ' + nic.bar);
                if (!dmasim.eval('expect nic.bar.size == 16MiB')) throw new Error('.dma disagrees');
                dmasim.dma_map_resource(nic, nic.bar, dmasim.DMA_FROM_DEVICE);
                """);
        assertEquals(0, r.exit(), r.output());
    }

    @Test
    void integersFrom2To63UpAreUnsigned() {
        // found by fuzzing: `nic.dma_mask > 4096` held in .dma and not in JavaScript (it saw -1)
        FrontEndsTest.Run r = js("""
                const nic = dmasim.device('nic', { dma_mask: 64 });
                if (!(nic.dma_mask > 4096)) throw new Error('mask ' + nic.dma_mask);
                if (String(nic.dma_mask) !== '18446744073709551615') throw new Error('not exact: ' + nic.dma_mask);
                if (String(dmasim.DMA_BIT_MASK(64)) !== String(nic.dma_mask)) throw new Error('DMA_BIT_MASK(64)');
                dmasim.dma_set_mask(nic, nic.dma_mask);
                if (!dmasim.eval('expect nic.dma_mask == DMA_BIT_MASK(64)')) throw new Error('round trip');
                if (dmasim.alloc_pages(4096).size !== 4096) throw new Error('small values stay numbers');
                """);
        assertEquals(0, r.exit(), r.output());
    }

    @Test
    void resetGivesAFreshMachineAndProbeIsSilent() {
        FrontEndsTest.Run r = js("""
                for (const arch of ['x86_64', 'arm64']) {
                  dmasim.reset(arch);
                  const d = dmasim.device('d', {});
                  const b = dmasim.alloc_pages(4096);
                  if (!dmasim.cpu.probe(b, 0, 8).always(0)) throw new Error('not zeroed');
                }
                """);
        assertEquals(0, r.exit(), r.output());
        assertTrue(r.recording().reads.isEmpty(), "a probe prints nothing");
    }

    @Test
    void uncaughtErrorPointsAtTheScriptLine() {
        FrontEndsTest.Run r = js("const x = 1;\nthrow new Error('boom');\n");
        assertEquals(ScenarioRunner.FAIL, r.exit(), r.output());
        assertTrue(r.output().startsWith("t.js:2:7: error: uncaught Error: boom"), r.output());
        assertTrue(r.output().contains("2 | throw new Error('boom');"), r.output());
    }

    @Test
    void syntaxErrorIsAScriptError() {
        FrontEndsTest.Run r = js("const = ;");
        assertEquals(ScenarioRunner.SCRIPT_ERROR, r.exit(), r.output());
        assertTrue(r.output().contains("syntax error"), r.output());
    }
}
