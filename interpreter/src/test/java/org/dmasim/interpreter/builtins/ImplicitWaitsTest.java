package org.dmasim.interpreter.builtins;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.BooleanSupplier;
import org.dmasim.engine.Kernel;
import org.dmasim.engine.Site;
import org.dmasim.engine.dmabuf.Attachment;
import org.dmasim.engine.dmabuf.DmaBuf;
import org.dmasim.engine.machine.ArchProfile;
import org.dmasim.engine.machine.Device;
import org.dmasim.engine.machine.DeviceConfig;
import org.dmasim.engine.machine.MachineConfig;
import org.dmasim.engine.sync.DmaFence;
import org.dmasim.engine.sync.DmaResvUsage;
import org.dmasim.engine.sync.SyncFile;
import org.dmasim.interpreter.eval.Value;
import org.junit.jupiter.api.Test;

/**
 * The waits of the dma_resv and dma-buf builtins, seen from the call context: what each call
 * waits for, that it waits after the exporter has acted (dma-buf.c dma_buf_begin_cpu_access()
 * and dma_buf_map_attachment() order), and that a failed call waits for nothing. The context
 * stands in for the scheduler: a wait signals the fences, as the devices would meanwhile.
 */
class ImplicitWaitsTest {
    /** One wait: what it was called, the fences, and whether the exporter had acted by then. */
    private record Wait(String what, List<DmaFence> fences, boolean exporterActed) {
    }

    private final Kernel kernel = new Kernel(ArchProfile.arm64(), MachineConfig.defaults());
    private final List<Wait> waits = new ArrayList<>();
    private final DmaBuf buf = kernel.dmaBuf().dmaHeapAlloc(4096, Site.NONE);
    private final int fd = kernel.dmaBuf().dmaBufFd(buf, Site.NONE);
    private final DmaFence move = new DmaFence("move");
    private final DmaFence render = new DmaFence("render");
    private final DmaFence scanout = new DmaFence("scanout");
    private Boolean timeoutAnswer;
    /** Whether the exporter's part of the call has happened (begin_cpu_access opened the bracket). */
    private BooleanSupplier acted = buf::cpuAccessOpen;

    /** A call context without a scheduler: the interface's own waits; arguments named as their parameters. */
    private class PlainContext implements CallContext {
        @Override
        public Kernel kernel() {
            return kernel;
        }

        @Override
        public Site site() {
            return Site.NONE;
        }

        @Override
        public void print(String line) {
        }

        @Override
        public String describe(Value value) {
            return value.toString();
        }

        @Override
        public String sourceText(String parameter) {
            return parameter;
        }
    }

    private final CallContext ctx = new PlainContext() {
        @Override
        public void awaitFences(List<DmaFence> fences, String what) {
            waits.add(new Wait(what, List.copyOf(fences), acted.getAsBoolean()));
            fences.forEach(f -> f.signal("the wait"));
        }

        @Override
        public boolean awaitFencesWithTimeout(List<DmaFence> fences, String what) {
            waits.add(new Wait(what, List.copyOf(fences), acted.getAsBoolean()));
            if (timeoutAnswer) {
                fences.forEach(f -> f.signal("the wait"));
            }
            return timeoutAnswer;
        }
    };

    private Value call(String name, Value... args) {
        Builtin b = BuiltinRegistry.standard().builtin(name).orElseThrow();
        List<ArgumentBinder.Given> given = Arrays.stream(args).map(v -> new ArgumentBinder.Given(null, v)).toList();
        return b.implementation().call(ctx, ArgumentBinder.bind(b, given));
    }

    private static Value i(long v) {
        return new Value.Int(v);
    }

    private Value b() {
        return DmaBufArgs.dmabuf(buf);
    }

    private void fences() {
        buf.resv().addFence(move, DmaResvUsage.KERNEL, kernel.machine().budget());
        buf.resv().addFence(render, DmaResvUsage.WRITE, kernel.machine().budget());
        buf.resv().addFence(scanout, DmaResvUsage.READ, kernel.machine().budget());
    }

    private Device nic() {
        return kernel.addDevice(new DeviceConfig("nic", 64, 64, false, false, 0, false, false, 0, null, false,
                "migrate", null), Site.NONE);
    }

    @Test
    void beginCpuAccessWaitsAfterTheExportersHookForWhatItsDirectionMustNotOvertake() {
        fences();
        assertEquals(i(0), call("dma_buf_begin_cpu_access", b(), i(2)));
        assertEquals(List.of(new Wait("dma_buf_begin_cpu_access(dmabuf, DMA_FROM_DEVICE)", List.of(move, render),
                true)), waits);
        assertFalse(scanout.isSignaled(), "a CPU read does not wait for a reader");
        call("dma_buf_end_cpu_access", b(), i(2));
        assertEquals(1, waits.size(), "end_cpu_access waits for nothing");
        call("dma_buf_begin_cpu_access", b(), i(1));
        assertEquals(new Wait("dma_buf_begin_cpu_access(dmabuf, DMA_TO_DEVICE)", List.of(move, render, scanout),
                true), waits.get(1), "the wait goes through the signalled fences too");
    }

    @Test
    void aFailedBeginCpuAccessWaitsForNothing() {
        fences();
        DmaBuf gone = kernel.dmaBuf().dmaHeapAlloc(4096, Site.NONE);
        gone.resv().addFence(render, DmaResvUsage.WRITE, kernel.machine().budget());
        kernel.dmaBuf().dmaBufPut(gone, Site.NONE);
        assertEquals(i(-22), call("dma_buf_begin_cpu_access", DmaBufArgs.dmabuf(gone), i(0)));
        assertEquals(List.of(), waits);
    }

    @Test
    void syncStartWaitsLikeBeginCpuAccessAndEndAndBadFlagsDoNot() {
        fences();
        assertEquals(i(0), call("dma_buf_sync", i(fd), i(3)));
        assertEquals(List.of(new Wait("dma_buf_sync(fd, flags)", List.of(move, render, scanout), true)), waits);
        assertEquals(i(0), call("dma_buf_sync", i(fd), i(7)));
        assertEquals(List.of(), waits.get(1).fences());
        buf.resv().addFence(new DmaFence("late"), DmaResvUsage.WRITE, kernel.machine().budget());
        assertEquals(i(-22), call("dma_buf_sync", i(fd), i(8)));
        assertEquals(2, waits.size(), "a rejected ioctl waits for nothing");
    }

    @Test
    void aStaticImporterWaitsForTheKernelFencesAfterTheExporterMappedADynamicOneDoesNot() {
        fences();
        Device nic = nic();
        Attachment stat = kernel.dmaBuf().dmaBufAttach(buf, nic, false, false, Site.NONE).value();
        Attachment dyn = kernel.dmaBuf().dmaBufAttach(buf, nic, true, false, Site.NONE).value();
        acted = () -> !stat.mapped().isEmpty();
        Value sgt = call("dma_buf_map_attachment", DmaBufArgs.attachment(stat), i(2));
        assertTrue(sgt instanceof Value.Handle, sgt.toString());
        assertEquals(List.of(new Wait("dma_buf_map_attachment(att, dir)", List.of(move), true)), waits);
        call("dma_buf_map_attachment", DmaBufArgs.attachment(dyn), i(2));
        assertEquals(List.of(), waits.get(1).fences());
        assertEquals(i(-22), call("dma_buf_map_attachment", DmaBufArgs.attachment(stat), i(3)));
        assertEquals(2, waits.size(), "a failed map waits for nothing");
    }

    @Test
    void aPrimeImportOfAnotherDriversBufferWaitsForTheKernelFencesOfItsStaticMap() {
        fences();
        acted = () -> buf.attachments().stream().anyMatch(a -> !a.mapped().isEmpty());
        Value obj = call("drm_gem_prime_import", new Value.DeviceValue(nic()), i(fd));
        assertTrue(obj instanceof Value.Opaque, obj.toString());
        assertEquals(List.of(new Wait("drm_gem_prime_import(dev, fd)", List.of(move), true)), waits);
    }

    @Test
    void dmaResvWaitTimeoutWaitsForEverythingUpToItsUsage() {
        fences();
        assertEquals(i(SyncBuiltins.MAX_SCHEDULE_TIMEOUT), call("dma_resv_wait_timeout", b(), i(1)));
        assertEquals(List.of(new Wait("dma_resv_wait_timeout(dmabuf, DMA_RESV_USAGE_WRITE)", List.of(move, render),
                false)), waits);
        assertFalse(scanout.isSignaled());
    }

    @Test
    void aFiniteTimeoutMayExpireOrSucceed() {
        fences();
        timeoutAnswer = false;
        assertEquals(i(0), call("dma_resv_wait_timeout", b(), i(2), i(50)));
        assertEquals(List.of(move, render, scanout), waits.get(0).fences());
        timeoutAnswer = true;
        assertEquals(i(50), call("dma_resv_wait_timeout", b(), i(2), i(50)));
        assertEquals(i(1), call("dma_resv_wait_timeout", b(), i(2), i(0)), "nothing pending: 1");
    }

    @Test
    void syncFileWaitWaitsForEveryFenceOfTheFile() {
        SyncFile sf = new SyncFile(List.of(render, scanout), "sf");
        assertEquals(i(0), call("sync_file_wait", SyncArgs.syncFile(sf)));
        assertEquals(List.of(new Wait("sync_file_wait(sf)", List.of(render, scanout), false)), waits);
        assertTrue(sf.isSignaled());
    }

    @Test
    void withoutASchedulerAPendingFenceIsAScriptError() {
        CallContext plain = new PlainContext();
        fences();
        CallError forever = assertThrows(CallError.class, () -> plain.awaitFences(List.of(render), "sync_file_wait(sf)"));
        assertEquals("sync_file_wait(sf) would wait forever: render has not signalled", forever.getMessage());
        CallError finite = assertThrows(CallError.class,
                () -> plain.awaitFencesWithTimeout(List.of(render), "dma_resv_wait_timeout(buf, DMA_RESV_USAGE_READ)"));
        assertEquals("dma_resv_wait_timeout(buf, DMA_RESV_USAGE_READ) with a finite timeout is not modelled yet while "
                + "render has not signalled: the wait may time out or succeed, and this run cannot explore both",
                finite.getMessage());
        assertEquals("pass MAX_SCHEDULE_TIMEOUT to wait until the fences signal, or test them with "
                + "dma_resv_test_signaled", finite.help());
        render.signal("1:1");
        assertTrue(plain.awaitFencesWithTimeout(List.of(render), "w"));
    }
}
