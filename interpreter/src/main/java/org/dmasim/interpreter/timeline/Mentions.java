package org.dmasim.interpreter.timeline;

import java.lang.reflect.RecordComponent;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.dmasim.interpreter.ast.Actor;
import org.dmasim.interpreter.ast.Expr;
import org.dmasim.interpreter.ast.Node;
import org.dmasim.interpreter.ast.Statement;

/**
 * What a statement mentions: the names it uses (to tell which buffers it touches), the builtins it
 * calls and the actors that read or write (to sort it into map, sync, unmap, CPU or device work).
 * It walks any node through its record components, so new kinds of statements are walked too.
 */
record Mentions(Set<String> names, List<String> calls, List<String> actors) {
    static Mentions of(Statement statement) {
        Mentions m = new Mentions(new LinkedHashSet<>(), new ArrayList<>(), new ArrayList<>());
        if (statement instanceof Statement.Let l) {
            m.names.add(l.name());
        } else if (statement instanceof Statement.Assign a) {
            m.names.add(a.name());
        }
        m.walk(statement);
        return m;
    }

    private void walk(Object node) {
        switch (node) {
            case Expr.Name n -> names.add(n.name());
            case Expr.Call c -> {
                if (c.callee() instanceof Expr.Name n) {
                    calls.add(n.name());
                }
                walkComponents(c);
            }
            case Actor a -> actors.add(a.name());
            case Node n -> walkComponents(n);
            case List<?> list -> list.forEach(this::walk);
            case null, default -> {
            }
        }
    }

    private void walkComponents(Node n) {
        if (!n.getClass().isRecord()) {
            return;
        }
        for (RecordComponent c : n.getClass().getRecordComponents()) {
            try {
                walk(c.getAccessor().invoke(n));
            } catch (ReflectiveOperationException e) {
                throw new IllegalStateException("cannot walk " + n.getClass().getSimpleName(), e);
            }
        }
    }

    /** {@code map}, {@code unmap}, {@code sync}, {@code alloc}, {@code free}, {@code write}, {@code read} or {@code other}. */
    String kind(Statement statement) {
        for (String call : calls) {
            if (call.startsWith("dma_map_") || call.startsWith("dma_buf_map")) {
                return "map";
            }
            if (call.startsWith("dma_unmap_") || call.startsWith("dma_buf_unmap")) {
                return "unmap";
            }
            if (call.startsWith("dma_sync_") || call.contains("cpu_access")) {
                return "sync";
            }
            if (call.startsWith("dma_alloc") || call.endsWith("alloc_pages") || call.startsWith("kmalloc")
                    || call.startsWith("vmalloc") || call.equals("shmem") || call.equals("stack_buf")
                    || call.equals("rodata")) {
                return "alloc";
            }
            if (call.startsWith("dma_free") || call.equals("free_pages") || call.equals("kfree")
                    || call.equals("vfree")) {
                return "free";
            }
        }
        if (statement instanceof Statement.Write) {
            return "write";
        }
        return actors.isEmpty() ? "other" : "read";
    }

    /** Builtins that only look: a statement calling nothing else (and writing nothing) leaves memory as it was. */
    private static final Set<String> LOOKING = Set.of("dma_mapping_error", "dma_need_sync", "print",
            "dma_resv_test_signaled");

    /** Whether the statement may change memory, caches or ownership: it writes, reads a device, or calls a builtin that acts. */
    boolean mayChangeMemory(Statement statement) {
        if (statement instanceof Statement.Write) {
            return true;
        }
        return calls.stream().anyMatch(c -> !LOOKING.contains(c));
    }

    /** Who acts: the writer or reader ({@code cpu}, a device), else {@code cpu} (the driver's code runs there). */
    String actor() {
        return actors.isEmpty() ? "cpu" : actors.get(0);
    }
}
