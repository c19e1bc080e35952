package org.dmasim.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.StringReader;
import java.io.StringWriter;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import javax.script.Bindings;
import javax.script.ScriptContext;
import javax.script.ScriptEngine;
import javax.script.ScriptEngineManager;
import javax.script.ScriptException;
import org.junit.jupiter.api.Test;

class ScriptEngineTest {
    private final ScriptEngineManager manager = new ScriptEngineManager();

    @Test
    void theManagerFindsTheEngineByNameExtensionAndMimeType() {
        for (ScriptEngine e : List.of(manager.getEngineByName("dmasim"), manager.getEngineByName("dma"),
                manager.getEngineByExtension("dma"), manager.getEngineByMimeType("text/x-dmasim"))) {
            assertInstanceOf(DmasimScriptEngine.class, e);
            assertEquals("dmasim", e.getFactory().getEngineName());
        }
        assertNull(manager.getEngineByExtension("dmx"));
    }

    @Test
    void evalReturnsTheResultAndWritesTheOutput() throws Exception {
        ScriptEngine engine = manager.getEngineByName("dmasim");
        StringWriter out = new StringWriter();
        engine.getContext().setWriter(out);
        Result r = (Result) engine.eval(Scenarios.FORGOTTEN_SYNC);
        assertEquals(Status.FAILED, r.status());
        assertEquals(2, r.reads().size());
        assertEquals(String.join("", r.events().stream().map(Event::text).toList()), out.toString());
        assertTrue(out.toString().contains("0x00 x64  (stale)"), out.toString());
    }

    @Test
    void bindingsGoBothWays() throws Exception {
        ScriptEngine engine = manager.getEngineByName("dma");
        engine.put("frames", 3);
        engine.put("label", "rx");
        Result r = (Result) engine.eval("let total = frames * 64\nlet tag = label + \"0\"\nexpect frames == 3");
        assertEquals(Status.PASSED, r.status(), r.text());
        assertEquals(192L, engine.get("total"));
        assertEquals("rx0", engine.get("tag"));
        assertEquals(3L, engine.get("frames"));
        engine.put("frames", 4);
        engine.eval("let more = frames + 1");
        assertEquals(5L, engine.get("more"));
        assertEquals(192L, engine.get("total"), "state persists between evals");
    }

    @Test
    void theGlobalScopeIsReadOnlyInput() throws Exception {
        manager.put("ring_size", 16);
        manager.put("some.other.key", new Object());
        ScriptEngine engine = manager.getEngineByName("dmasim");
        Result r = (Result) engine.eval("let twice = ring_size * 2");
        assertEquals(Status.PASSED, r.status(), r.text());
        assertEquals(32L, engine.get("twice"));
        assertFalse(engine.getBindings(ScriptContext.ENGINE_SCOPE).containsKey("ring_size"));
        engine.eval("ring_size = 8");
        assertEquals(8L, engine.get("ring_size"));
        assertEquals(16, manager.get("ring_size"));
    }

    @Test
    void aValueTheScriptCannotTakeIsAScriptException() {
        ScriptEngine engine = manager.getEngineByName("dmasim");
        engine.put("thread", Thread.currentThread());
        assertThrows(ScriptException.class, () -> engine.eval("let x = 1"));
    }

    @Test
    void scriptErrorsAreInTheResultAndOnTheErrorWriter() throws Exception {
        ScriptEngine engine = manager.getEngineByName("dmasim");
        StringWriter err = new StringWriter();
        engine.getContext().setErrorWriter(err);
        engine.getContext().setAttribute(ScriptEngine.FILENAME, "probe.dma", ScriptContext.ENGINE_SCOPE);
        Result r = (Result) engine.eval(new StringReader("let x = nosuch(1)\n"));
        assertEquals(Status.SCRIPT_ERROR, r.status());
        assertEquals(new Position("probe.dma", 1, 9), r.errors().get(0).position());
        assertTrue(err.toString().startsWith("probe.dma:1:9: error: "), err.toString());
    }

    @Test
    void finishReportsLeaksAndStartsAFreshSession() throws Exception {
        DmasimScriptEngine engine = (DmasimScriptEngine) manager.getEngineByName("dmasim");
        StringWriter out = new StringWriter();
        engine.getContext().setWriter(out);
        engine.eval("device nic { }\nlet rx = alloc_pages(4KiB)\nlet m = dma_map_single(nic, rx, DMA_TO_DEVICE)");
        Result end = engine.finish();
        assertEquals(List.of("DMA_LEAK"), end.reports().stream().map(Report::code).toList());
        assertTrue(out.toString().endsWith("PASS\n"), out.toString());
        Result fresh = (Result) engine.eval("device nic { }");
        assertEquals(Status.PASSED, fresh.status(), "nic is not declared twice: a new machine");
    }

    @Test
    void cancelStopsARunningEval() throws Exception {
        DmasimScriptEngine engine = Dmasim.builder().timeout(Duration.ofHours(1)).maxSteps(Long.MAX_VALUE).build()
                .scriptEngine();
        java.util.concurrent.CountDownLatch started = new java.util.concurrent.CountDownLatch(1);
        engine.getContext().setWriter(new StringWriter() {
            @Override
            public void write(String s) {
                started.countDown();
            }
        });
        CompletableFuture<Object> run = CompletableFuture.supplyAsync(() -> {
            try {
                return engine.eval("print(\"go\")\nwhile true { }");
            } catch (ScriptException e) {
                throw new IllegalStateException(e);
            }
        });
        started.await();
        engine.cancel();
        Result r = (Result) run.get();
        assertEquals(Limit.CANCELLED, r.limit());
        assertEquals(Status.PASSED, ((Result) engine.eval("expect 1 == 1")).status());
    }

    @Test
    void theFactoryDescribesTheLanguage() {
        DmasimScriptEngineFactory f = new DmasimScriptEngineFactory();
        assertEquals(List.of("dmasim", "dma"), f.getNames());
        assertEquals(List.of("dma"), f.getExtensions());
        assertEquals("print(\"a \\\"b\\\"\")", f.getOutputStatement("a \"b\""));
        assertEquals("dma_unmap_single(nic, m)", f.getMethodCallSyntax("nic", "dma_unmap_single", "m"));
        assertEquals("let a = 1\nexpect a == 1\n", f.getProgram("let a = 1", "expect a == 1"));
        assertEquals("MULTITHREADED", f.getParameter("THREADING"));
        assertEquals("dmasim", f.getParameter(ScriptEngine.NAME));
        assertNotNull(f.getParameter(ScriptEngine.ENGINE_VERSION));
        Bindings b = f.getScriptEngine().createBindings();
        assertTrue(b.isEmpty());
    }
}
