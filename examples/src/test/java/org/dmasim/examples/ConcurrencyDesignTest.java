package org.dmasim.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every example of sections 1 to 7 of the project's concurrency design
 * ({@code ../shared/design/CONCURRENCY.md} beside the repository) runs as written. Each case
 * names the text it exercises, which must appear in those sections word for word (so a changed
 * example shows up here), puts it in a scenario that declares what the fragment assumes, and
 * checks what the run shows. Every fenced example block must belong to a case. Skipped where the
 * design folder is absent, as in a user's clone.
 */
class ConcurrencyDesignTest {
    private static final Path MODULE = Path.of("").toAbsolutePath();

    /**
     * Statements of the design that dmasim deliberately does not follow because the kernel does
     * otherwise, with the reason. A case whose text is listed here checks the kernel's behaviour.
     */
    static final Map<String, String> KERNEL_DIFFERS = Map.of(
            "wait for the fences that `dma_resv_usage_rw()` names before the exporter's cache maintenance",
            "drivers/dma-buf/dma-buf.c dma_buf_begin_cpu_access() calls the exporter's begin_cpu_access"
                    + " (the system heap's dma_sync_sgtable_for_cpu) first and waits for the fences only after it"
                    + " returned 0, so a line the CPU fetches between the two can stay stale: dmasim waits after"
                    + " the maintenance, as the kernel does");

    /**
     * One example: {@code text} as the design writes it; the scenario's {@code %s} is replaced by the
     * text itself when it is an example block, else by the text on one line (in a comment).
     */
    record Case(String name, String text, String scenario, String[] args, int exit, List<String> shows) {
        Case(String name, String text, String scenario, int exit, String... shows) {
            this(name, text, scenario, new String[0], exit, List.of(shows));
        }

        Case withArgs(String... more) {
            return new Case(name, text, scenario, more, exit, shows);
        }

        String source(List<String> blocks) {
            return scenario.replace("%s", blocks.contains(text) ? text : flat(text));
        }
    }

    private static final String NIC = """
            arch arm64
            device nic { dma_mask: 64, coherent: false }
            """;

    static List<Case> cases() {
        List<Case> out = new ArrayList<>();
        // §1
        out.add(new Case("quantifiers over executions", "`expect never report X { ... }`", NIC + """
                let rx = alloc_pages(4KiB)
                let m = dma_map_single(nic, rx, DMA_FROM_DEVICE)
                expect not dma_mapping_error(nic, m)
                let j = async nic {
                    nic writes m[0..64] = 0x5A
                }
                dma_sync_single_for_cpu(nic, m, 4KiB, DMA_FROM_DEVICE)
                expect sometimes cpu reads rx[0..64] == 0x5A
                expect sometimes cpu reads rx[0..64] == 0x00
                expect never cpu reads rx[0..64] == 0x11
                expect report STALE_READ { cpu reads rx[0..64] }
                wait j
                dma_sync_single_for_cpu(nic, m, 4KiB, DMA_FROM_DEVICE)
                expect never report STALE_READ { cpu reads rx[0..64] }
                expect cpu reads rx[0..64] == 0x5A
                dma_unmap_single(nic, m, 4KiB, DMA_FROM_DEVICE)
                # %s
                """, 0, "7 expectations: 7 passed", "executions)", "explored 6 executions"));
        out.add(new Case("a witness names the interleaving", "`nic's step 2 (write at 14:5) not yet performed`",
                NIC + """
                let desc = dma_alloc_coherent(nic, 4KiB)
                let rx = alloc_pages(4KiB)
                let m_rx = dma_map_single(nic, rx, DMA_FROM_DEVICE)
                let j = async nic {
                    nic writes desc.dma[0..4] = u32(64)
                    nic writes m_rx[0..64] = 0x5A
                }
                dma_sync_single_for_cpu(nic, m_rx, 4KiB, DMA_FROM_DEVICE)
                expect sometimes cpu reads rx[0..64] == 0x00
                wait j
                dma_unmap_single(nic, m_rx, 4KiB, DMA_FROM_DEVICE)
                dma_free_coherent(nic, desc)
                # %s
                """, 0, "re:nic's step \\d \\(write at \\d+:5\\) not yet performed", "after nic's last step"));
        // §2
        out.add(new Case("a job, a dependent job, wait", block(2, 0), NIC + """
                device gpu { dma_mask: 64, coherent: false }
                let desc = dma_alloc_coherent(nic, 4KiB)
                let rx = alloc_pages(4KiB)
                let m_rx = dma_map_single(nic, rx, DMA_FROM_DEVICE)
                let f2 = dma_fence_create()
                dma_fence_signal(f2)
                let frame = dma_heap_alloc(64KiB)
                let sgt = dma_buf_map_attachment(dma_buf_attach(frame, gpu), DMA_BIDIRECTIONAL)
                %s
                wait k
                expect cpu reads desc.cpu[8..12] == u32(1)
                """, 0, "nic reads desc.dma[0..8]", "gpu reads sgt", "explored 1 execution"));
        out.add(new Case("a job's value after it is known complete", "`let r = nic reads\n  desc.dma[0..8]`", NIC + """
                let desc = dma_alloc_coherent(nic, 4KiB)
                cpu writes desc.cpu[0..8] = 0x2A
                let j = async nic {
                    let r = nic reads desc.dma[0..8]
                }
                wait j
                print(j.r)
                dma_free_coherent(nic, desc)
                # %s
                """, 0, "\n0x2a x8\n"));
        out.add(new Case("a device that polls an owner bit", "`wait until nic reads desc.dma[12..16] == u32(1)`", NIC + """
                let desc = dma_alloc_coherent(nic, 4KiB)
                let j = async nic {
                    wait until nic reads desc.dma[12..16] == u32(1)
                    nic writes desc.dma[0..4] = u32(64)
                }
                cpu writes desc.cpu[12..16] = u32(1)
                wait j
                expect cpu reads desc.cpu[0..4] == u32(64)
                dma_free_coherent(nic, desc)
                # %s
                """, 0, "1 expectation: 1 passed"));
        out.add(new Case("a device's poll that never succeeds", "a poll that can never succeed is `HANG`", NIC + """
                let desc = dma_alloc_coherent(nic, 4KiB)
                let j = async nic {
                    wait until nic reads desc.dma[12..16] == u32(1)
                }
                expect report HANG { wait j }
                # %s
                """, 1, "error[HANG]", "polls at 5:5 and the condition never holds"));
        out.add(new Case("a device skips a descriptor it does not own", "`if` / `else` on a device read", NIC + """
                let desc = dma_alloc_coherent(nic, 4KiB)
                let j = async nic {
                    if nic reads desc.dma[12..16] == u32(1) {
                        nic writes desc.dma[0..4] = u32(64)
                    } else {
                        nic writes desc.dma[0..4] = u32(0xdead)
                    }
                }
                cpu writes desc.cpu[12..16] = u32(1)
                wait j
                expect sometimes cpu reads desc.cpu[0..4] == u32(64)
                expect sometimes cpu reads desc.cpu[0..4] == u32(0xdead)
                dma_free_coherent(nic, desc)
                # %s
                """, 0, "2 expectations: 2 passed"));
        out.add(new Case("fences of jobs and of the CPU",
                "`let f = dma_fence_create()` and `dma_fence_signal(f)`", NIC + """
                let desc = dma_alloc_coherent(nic, 4KiB)
                let f = dma_fence_create()
                let k = async nic after f { nic writes desc.dma[32..36] = u32(3) }
                expect sometimes dma_fence_is_signaled(k.fence) == false
                dma_fence_signal(f)
                if dma_fence_is_signaled(k.fence) { print("k done") } else { print("k still running") }
                dma_fence_wait(k.fence)
                expect cpu reads desc.cpu[32..36] == u32(3)
                dma_free_coherent(nic, desc)
                # %s
                """, 0, "k done", "k still running", "2 expectations: 2 passed"));
        out.add(new Case("after takes fences, lists and sync files",
                "`after\n  dma_resv_get_fences(buf, DMA_RESV_USAGE_READ)`", """
                arch arm64
                device gpu { dma_mask: 64, coherent: false }
                device display { dma_mask: 64, coherent: false }
                let buf = dma_heap_alloc(64KiB)
                let gsg = dma_buf_map_attachment(dma_buf_attach(buf, gpu), DMA_BIDIRECTIONAL)
                let dsg = dma_buf_map_attachment(dma_buf_attach(buf, display), DMA_TO_DEVICE)
                let render = async gpu { gpu writes gsg[0..4KiB] = 0x11 }
                dma_resv_lock(buf)
                dma_resv_reserve_fences(buf, 1)
                dma_resv_add_fence(buf, render.fence, DMA_RESV_USAGE_WRITE)
                dma_resv_unlock(buf)
                let a = async display after dma_resv_get_fences(buf, DMA_RESV_USAGE_READ) {
                    expect display reads dsg[0..64] == 0x11
                }
                let b = async display after sync_file_create(render.fence), [render.fence] {
                    expect display reads dsg[64..128] == 0x11
                }
                wait a
                wait b
                # %s
                """, 0, "2 expectations: 2 passed"));
        out.add(new Case("unmapping what a job may still use", "is a `DMA_UNMAP_WHILE_BUSY` error", NIC + """
                let rx = alloc_pages(4KiB)
                let m = dma_map_single(nic, rx, DMA_FROM_DEVICE)
                expect not dma_mapping_error(nic, m)
                let j = async nic { nic writes m[0..64] = 0x5A }
                expect report DMA_UNMAP_WHILE_BUSY, USE_AFTER_FREE {
                    dma_unmap_single(nic, m, 4KiB, DMA_FROM_DEVICE)
                    wait j
                }
                # %s
                """, 0, "(in 1 of 2 executions)"));
        out.add(new Case("behind an IOMMU", "(or an\n  `IOMMU_FAULT` behind an IOMMU)", """
                arch arm64
                device gpu { dma_mask: 64, iommu: true }
                let buf = alloc_pages(4KiB)
                let m = dma_map_single(gpu, buf, DMA_FROM_DEVICE)
                expect not dma_mapping_error(gpu, m)
                let j = async gpu { gpu writes m[0..64] = 0x5A }
                expect report DMA_UNMAP_WHILE_BUSY, IOMMU_FAULT {
                    dma_unmap_single(gpu, m, 4KiB, DMA_FROM_DEVICE)
                    wait j
                }
                # %s
                """, 0, "error[IOMMU_FAULT]"));
        out.add(new Case("a job never waited for", "`JOB_NOT_WAITED`\n  warning", NIC + """
                let desc = dma_alloc_coherent(nic, 4KiB)
                let j = async nic { nic writes desc.dma[0..4] = u32(1) }
                # %s
                """, 0, "warning[JOB_NOT_WAITED]"));
        // §3
        out.add(new Case("polling the status, two ways", block(3, 0), NIC + """
                let desc = dma_alloc_coherent(nic, 4KiB)
                let j = async nic { nic writes desc.dma[8..12] = u32(1) }
                %s
                wait j
                dma_free_coherent(nic, desc)
                """, 0, "PASS"));
        out.add(new Case("a branch on a read with two values forks", "Version 1\nsilently took one branch", NIC + """
                let rx = alloc_pages(4KiB)
                let m = dma_map_single(nic, rx, DMA_FROM_DEVICE)
                expect not dma_mapping_error(nic, m)
                let j = async nic { nic writes m[0..1] = 0x5A }
                wait j
                if cpu reads rx[0..1] == 0x5A { print("new") } else { print("old") }
                dma_sync_single_for_cpu(nic, m, 4KiB, DMA_FROM_DEVICE)
                dma_unmap_single(nic, m, 4KiB, DMA_FROM_DEVICE)
                # %s
                """, 1, "\nnew\n", "\nold\n"));
        out.add(new Case("a poll that can never succeed", "is a `HANG` error with its witness", NIC + """
                let desc = dma_alloc_coherent(nic, 4KiB)
                let j = async nic { nic writes desc.dma[0..4] = u32(1514) }
                wait until cpu reads desc.cpu[8..12] == u32(1)
                # %s
                """, 1, "error[HANG]", "witness: nic's job at 4:9 completed after 1 step"));
        // §4
        out.add(new Case("the four usages", "DMA_RESV_USAGE_WRITE | READ | KERNEL | BOOKKEEP)`", """
                arch arm64
                device gpu { dma_mask: 64, coherent: false }
                let buf = dma_heap_alloc(64KiB)
                let fd = dma_buf_fd(buf)
                let k = dma_fence_create()
                let f = dma_fence_create()
                let r = dma_fence_create()
                let b = dma_fence_create()
                dma_resv_lock(buf)
                dma_resv_reserve_fences(buf, 4)
                dma_resv_add_fence(buf, k, DMA_RESV_USAGE_KERNEL)
                dma_resv_add_fence(buf, f, DMA_RESV_USAGE_WRITE)
                dma_resv_add_fence(buf, r, DMA_RESV_USAGE_READ)
                dma_resv_add_fence(buf, b, DMA_RESV_USAGE_BOOKKEEP)
                dma_resv_unlock(buf)
                expect not dma_resv_test_signaled(buf, DMA_RESV_USAGE_KERNEL)
                dma_fence_signal(k)
                dma_fence_signal(f)
                expect dma_resv_test_signaled(buf, DMA_RESV_USAGE_WRITE)
                expect not dma_resv_test_signaled(buf, DMA_RESV_USAGE_READ)
                let sf = dma_buf_export_sync_file(fd, DMA_BUF_SYNC_WRITE)
                let j = async gpu after sf { }
                dma_fence_signal(r)
                dma_resv_wait_timeout(buf, DMA_RESV_USAGE_READ)
                expect not dma_resv_test_signaled(buf, DMA_RESV_USAGE_BOOKKEEP)
                dma_fence_signal(b)
                sync_file_wait(sf)
                wait j
                let w = dma_fence_create()
                dma_buf_import_sync_file(fd, DMA_BUF_SYNC_WRITE, sync_file_create(w))
                expect not dma_resv_test_signaled(buf, DMA_RESV_USAGE_WRITE)
                dma_fence_signal(w)
                dma_buf_put(buf)
                # %s
                """, 0, "5 expectations: 5 passed"));
        out.add(new Case("SYNC START waits after the exporter's maintenance",
                "wait for the fences that `dma_resv_usage_rw()` names before the exporter's cache maintenance", """
                arch arm64
                device cam { dma_mask: 64, coherent: false }
                let frame = dma_heap_alloc(64KiB)
                let fd = dma_buf_fd(frame)
                let sgt = dma_buf_map_attachment(dma_buf_attach(frame, cam), DMA_FROM_DEVICE)
                let u = mmap(fd)
                let capture = async cam { cam writes sgt[0..4KiB] = 0xC4 }
                dma_resv_lock(frame)
                dma_resv_reserve_fences(frame, 1)
                dma_resv_add_fence(frame, capture.fence, DMA_RESV_USAGE_WRITE)
                dma_resv_unlock(frame)
                dma_buf_sync(fd, DMA_BUF_SYNC_START | DMA_BUF_SYNC_READ)
                expect never cpu reads u[0..64] == 0x00
                expect report STALE_READ { cpu reads u[64..128] }
                dma_buf_sync(fd, DMA_BUF_SYNC_END | DMA_BUF_SYNC_READ)
                # %s
                """, 1, "error[EXPECT]", "0x00 x64  (stale)"));
        out.add(new Case("a static importer's map waits for the kernel fences",
                "a static importer's\n  `dma_buf_map_attachment` waits for the kernel fences", """
                arch arm64
                device copy { dma_mask: 64, coherent: false }
                device gpu { dma_mask: 64, coherent: false }
                let buf = dma_heap_alloc(64KiB)
                let csg = dma_buf_map_attachment(dma_buf_attach(buf, copy), DMA_BIDIRECTIONAL)
                let clear = async copy { copy writes csg[0..4KiB] = 0x00 }
                dma_resv_lock(buf)
                dma_resv_reserve_fences(buf, 1)
                dma_resv_add_fence(buf, clear.fence, DMA_RESV_USAGE_KERNEL)
                dma_resv_unlock(buf)
                let gsg = dma_buf_map_attachment(dma_buf_attach(buf, gpu), DMA_BIDIRECTIONAL)
                expect dma_fence_is_signaled(clear.fence)
                # %s
                """, 0, "1 expectation: 1 passed"));
        out.add(new Case("explicit sync as user space does it",
                "`dma_buf_import_sync_file(fd, flags, sf)`), `sync_file_wait(sf)`", """
                arch arm64
                device cam { dma_mask: 64, coherent: false }
                let frame = dma_heap_alloc(64KiB)
                let fd = dma_buf_fd(frame)
                let sgt = dma_buf_map_attachment(dma_buf_attach(frame, cam), DMA_FROM_DEVICE)
                let u = mmap(fd)
                let capture = async cam { cam writes sgt[0..4KiB] = 0xC4 }
                dma_buf_import_sync_file(fd, DMA_BUF_SYNC_WRITE, sync_file_create(capture.fence))
                sync_file_wait(dma_buf_export_sync_file(fd, DMA_BUF_SYNC_READ))
                dma_buf_sync(fd, DMA_BUF_SYNC_START | DMA_BUF_SYNC_READ)
                expect cpu reads u[0..64] == 0xC4
                dma_buf_sync(fd, DMA_BUF_SYNC_END | DMA_BUF_SYNC_READ)
                # %s
                """, 0, "1 expectation: 1 passed"));
        out.add(new Case("a job reading past an unsignalled write fence", "the bug shows as a\n  `DEVICE_STALE_READ`", """
                arch arm64
                device gpu { dma_mask: 64, coherent: false }
                device display { dma_mask: 64, coherent: false }
                let buf = dma_heap_alloc(64KiB)
                let gsg = dma_buf_map_attachment(dma_buf_attach(buf, gpu), DMA_BIDIRECTIONAL)
                let dsg = dma_buf_map_attachment(dma_buf_attach(buf, display), DMA_TO_DEVICE)
                let render = async gpu { gpu writes gsg[0..4KiB] = 0x11 }
                dma_resv_lock(buf)
                dma_resv_reserve_fences(buf, 1)
                dma_resv_add_fence(buf, render.fence, DMA_RESV_USAGE_WRITE)
                dma_resv_unlock(buf)
                let early = async display { display reads dsg[0..64] }
                wait early
                wait render
                # %s
                """, 1, "error[DEVICE_STALE_READ]", "executions)", "0x00 x64", "0x11 x64"));
        // §5
        out.add(new Case("a bounded exploration claims nothing it did not explore", "`--max-executions N`", NIC + """
                let rx = alloc_pages(4KiB)
                let m = dma_map_single(nic, rx, DMA_FROM_DEVICE)
                expect not dma_mapping_error(nic, m)
                let j = async nic { nic writes m[0..64] = 0x5A }
                dma_sync_single_for_cpu(nic, m, 4KiB, DMA_FROM_DEVICE)
                expect sometimes cpu reads rx[0..64] == 0x00
                expect never cpu reads rx[0..64] == 0x11
                wait j
                dma_unmap_single(nic, m, 4KiB, DMA_FROM_DEVICE)
                # %s
                """, 1, "not proven", "3 expectations: 2 passed, 1 failed", "explored 1 execution, bounded")
                .withArgs("--max-executions", "1"));
        // §7: the canonical example, as written: the old length is possible on arm64 ...
        out.add(new Case("the DMA-barriers example on arm64", block(7, 0), "%s\n", 0,
                "1 expectation: 1 passed", "no dma_rmb() between them"));
        // ... and impossible on x86_64
        out.add(new Case("the DMA-barriers example on x86_64", block(7, 0), "%s\n", 1, "expectation failed",
                "1 expectation: 0 passed, 1 failed").withArgs("--arch", "x86_64"));
        out.add(new Case("dma_rmb() after the poll", "With `dma_rmb()` after the poll the length is `1514` in every"
                + " execution", NIC + """
                let ring = dma_alloc_coherent(nic, 4KiB)
                let j = async nic {
                    nic writes ring.dma[0..4] = u32(1514)
                    nic writes ring.dma[8..12] = u32(1)
                }
                wait until cpu reads ring.cpu[8..12] == u32(1)
                dma_rmb()
                expect cpu reads ring.cpu[0..4] == u32(1514)
                wait j
                # %s
                """, 0, "1 expectation: 1 passed"));
        return out;
    }

    @TestFactory
    Stream<DynamicTest> examples(@TempDir Path dir) throws IOException {
        String design = sections();
        if (design == null) {
            return Stream.of(DynamicTest.dynamicTest("concurrency design examples", () -> assumeTrue(false,
                    "no design folder beside the repository (-Ddmasim.shared, ../../shared)")));
        }
        List<DynamicTest> tests = new ArrayList<>();
        tests.add(DynamicTest.dynamicTest("every example block has a case", () -> {
            List<String> blocks = blocks(design);
            assertFalse(blocks.isEmpty(), "no example blocks found in sections 1 to 7");
            for (String b : blocks) {
                assertTrue(cases().stream().anyMatch(c -> c.text().equals(b)), "no case runs the example\n" + b);
            }
        }));
        tests.add(DynamicTest.dynamicTest("every exception is a case", () -> {
            for (String text : KERNEL_DIFFERS.keySet()) {
                assertTrue(cases().stream().anyMatch(c -> c.text().equals(text)), "no case checks " + text);
            }
        }));
        int i = 0;
        for (Case c : cases()) {
            int n = i++;
            tests.add(DynamicTest.dynamicTest(c.name(), () -> check(c, design, dir.resolve("case" + n + ".dma"))));
        }
        return tests.stream();
    }

    private static void check(Case c, String design, Path file) throws IOException {
        assertTrue(flat(design).contains(flat(c.text())), "the design no longer says: " + c.text());
        String scenario = c.source(blocks(design));
        Files.writeString(file, scenario, StandardCharsets.UTF_8);
        String[] args = new String[c.args().length + 2];
        args[0] = "run";
        System.arraycopy(c.args(), 0, args, 1, c.args().length);
        args[args.length - 1] = file.toString();
        ScenarioCli.Result r = ScenarioCli.run(args);
        String out = r.out() + r.err();
        assertEquals(c.exit(), r.exit(), "exit of " + c.name() + ":\n" + scenario + "\n---\n" + out);
        for (String s : c.shows()) {
            boolean shown = s.startsWith("re:") ? Pattern.compile(s.substring(3)).matcher(out).find() : out.contains(s);
            assertTrue(shown, c.name() + " must show " + s + ":\n" + scenario + "\n---\n" + out);
        }
    }

    /** Sections 1 to 7, or null when the design is not beside the repository. */
    static String sections() throws IOException {
        String shared = System.getProperty("dmasim.shared");
        for (Path candidate : new Path[] {
            shared == null || shared.isBlank() ? null : Path.of(shared, "design", "CONCURRENCY.md"),
            MODULE.resolve("../../shared/design/CONCURRENCY.md")}) {
            if (candidate != null && Files.isRegularFile(candidate)) {
                String text = Files.readString(candidate, StandardCharsets.UTF_8);
                int from = text.indexOf("\n## 1.");
                int to = text.indexOf("\n## 8.");
                return text.substring(Math.max(0, from), to < 0 ? text.length() : to);
            }
        }
        return null;
    }

    /** The fenced blocks of the text, without their fences. */
    static List<String> blocks(String text) {
        List<String> out = new ArrayList<>();
        Matcher m = Pattern.compile("(?m)^```[a-z]*\\n(.*?)^```", Pattern.DOTALL).matcher(text);
        while (m.find()) {
            out.add(m.group(1).stripTrailing());
        }
        return out;
    }

    /** The {@code k}-th block of section {@code section}. */
    static String block(int section, int k) {
        try {
            String all = sections();
            if (all == null) {
                return "";
            }
            int from = all.indexOf("\n## " + section + ".");
            int to = all.indexOf("\n## " + (section + 1) + ".");
            List<String> bs = blocks(all.substring(from, to < 0 ? all.length() : to));
            return k < bs.size() ? bs.get(k) : "";
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    /** Markdown's line breaks inside a paragraph are spaces. */
    static String flat(String s) {
        return s.replaceAll("\\s*\\n\\s*", " ");
    }

}
