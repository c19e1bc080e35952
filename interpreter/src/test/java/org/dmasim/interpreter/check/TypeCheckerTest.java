package org.dmasim.interpreter.check;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.dmasim.interpreter.diag.SourceFile;
import org.junit.jupiter.api.Test;

/** What {@code dmasim check} infers: no error where a run could succeed, the run's error where it cannot. */
class TypeCheckerTest {
    private static List<String> errors(String script) {
        return ScriptCheck.check(new SourceFile("t.dma", script), null).stream()
                .map(f -> f.line() + ":" + f.column() + " " + f.diagnostic().message()).toList();
    }

    @Test
    void aStatementThatDropsThePureResultOfABuiltinIsAnError() {
        // include/linux/iosys-map.h iosys_map_incr() changes the struct in place; script values do not
        assertEquals(List.of("6:1 the result of iosys_map_incr() is discarded, and the call does nothing else: it "
                + "returns the advanced map (write map = iosys_map_incr(map, n))",
                "8:11 the result of len() is discarded, and the call does nothing else: it returns an integer"),
                errors("""
                arch x86_64
                device gpu { dma_mask: 64 }
                let bo = vram_alloc(gpu, 64KiB)
                let buf = dma_buf_export(gpu, bo)
                let map = dma_buf_vmap(buf)
                iosys_map_incr(map, 16)
                map = iosys_map_incr(map, 16)
                if true { len([1]) }
                fn u32(x) { return x }
                u32(3)
                """));
    }

    @Test
    void whatMayWorkIsNoError() {
        assertEquals(List.of(), errors("""
                arch arm64
                device nic { dma_mask: 64, coherent: false, driver: shmem, pci_switch: sw0 }
                fn later() { return late_global + 1 }
                let late_global = 1
                let x = null
                if later() > 1 { x = alloc_pages(4KiB) } else { x = kmalloc(64) }
                cpu writes x[0..8] = 1
                let v = 0
                for i in 0..3 {
                    if i == 2 { v = alloc_pages(4KiB) } else { v = v + 1 }
                }
                let r = [1, 2] + [3]
                let item = r[0] + len(r)
                fn mapped(dev) {
                    let b = alloc_pages(4KiB)
                    return { buf: b, m: dma_map_single(dev, b, DMA_TO_DEVICE) }
                }
                let s = mapped(nic)
                expect not dma_mapping_error(nic, s.m)
                dma_unmap_single(nic, s.m, 4KiB, DMA_TO_DEVICE)
                let c = dma_alloc_coherent(nic, 4KiB)
                cpu writes c.cpu[0..4] = u32(7)
                nic writes c.dma[0..4] = "abcd"
                fn fib(n) { if n < 2 { return n }; return fib(n - 1) + fib(n - 2) }
                expect fib(10) == 55
                let any = fib
                expect any(3) == 2
                expect sometimes cpu reads x[0..8] == 1
                dma_free_coherent(nic, c)
                """));
    }

    @Test
    void aVariableThatChangesKindInALoopIsNotAnError() {
        assertEquals(List.of(), errors("""
                let a = 1
                let rounds = 0
                while rounds < 3 {
                    if rounds == 1 { a = alloc_pages(4KiB) }
                    rounds = rounds + 1
                }
                let b = a
                """));
    }

    @Test
    void definiteMistakesAreReportedWhereTheRunStops() {
        assertEquals(List.of("3:21 alloc_pages: 'size' must be an integer, not a string",
                "4:22 dma_map_single: 'dir' must be a DMA direction, not a string",
                "5:18 a record has no field 'y'",
                "6:6 f takes 1 argument, got 2",
                "7:12 expected a buffer or CPU view, not an integer"), errors("""
                fn f(a) { return a }
                device d { dma_mask: 32 }
                let b = alloc_pages("x")
                dma_map_single(d, b, "in")
                let z = { x: 1 }.y
                f(1, 2)
                cpu writes 42 = 1
                """));
    }

    @Test
    void functionsSeeGlobalsWhateverTheyHoldOverTime() {
        assertEquals(List.of(), errors("""
                let g = null
                fn use() { cpu writes g[0..4] = 1 }
                g = alloc_pages(4KiB)
                use()
                """));
    }
}
