package org.dmasim.interpreter.eval;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.dmasim.engine.cache.ReadResult;
import org.dmasim.engine.dma.CoherentAllocation;
import org.dmasim.engine.dma.DmaHandle;
import org.dmasim.engine.machine.Device;
import org.dmasim.engine.memory.CpuView;
import org.dmasim.interpreter.ast.Statement;

/**
 * The values a script computes with. Integers are unsigned 64-bit, like {@code dma_addr_t}
 * and {@code u64} masks; engine objects are wrapped, and compare by identity.
 */
public sealed interface Value {

    /** A type name for messages ("expected a device, got an integer"). */
    String typeName();

    record Int(long value) implements Value {
        public static final Int ZERO = new Int(0);

        @Override
        public String typeName() {
            return "an integer";
        }
    }

    record Str(String value) implements Value {
        @Override
        public String typeName() {
            return "a string";
        }
    }

    record Bool(boolean value) implements Value {
        public static final Bool TRUE = new Bool(true);
        public static final Bool FALSE = new Bool(false);

        public static Bool of(boolean b) {
            return b ? TRUE : FALSE;
        }

        @Override
        public String typeName() {
            return "a boolean";
        }
    }

    enum Null implements Value {
        NULL;

        @Override
        public String typeName() {
            return "null";
        }
    }

    record ListValue(List<Value> items) implements Value {
        public ListValue {
            items = List.copyOf(items);
        }

        @Override
        public String typeName() {
            return "a list";
        }
    }

    /** {@code { key: value }}; field order is kept for printing. */
    record RecordValue(Map<String, Value> fields) implements Value {
        public RecordValue {
            fields = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(fields));
        }

        @Override
        public String typeName() {
            return "a record";
        }
    }

    /** A user function: its declaration and the environment it closes over. */
    /** A script function; its body runs in the file that declared it (an imported library's, say). */
    record Function(Statement.FnDecl declaration, Environment closure,
            org.dmasim.interpreter.diag.SourceFile file, java.nio.file.Path directory, boolean foreign)
            implements Value {
        @Override
        public String typeName() {
            return "a function";
        }

        @Override
        public boolean equals(Object o) {
            return this == o;
        }

        @Override
        public int hashCode() {
            return System.identityHashCode(this);
        }
    }

    record BuiltinFunction(org.dmasim.interpreter.builtins.Builtin builtin) implements Value {
        @Override
        public String typeName() {
            return "a builtin function";
        }
    }

    record DeviceValue(Device device) implements Value {
        @Override
        public String typeName() {
            return "a device";
        }
    }

    /** Something the CPU accesses: a buffer, the CPU side of a coherent allocation, a vmap, an mmap. */
    record View(CpuView view) implements Value {
        @Override
        public String typeName() {
            return "a CPU view";
        }
    }

    /** Something a device accesses: a mapping, the DMA side of a coherent allocation. */
    record Handle(DmaHandle handle) implements Value {
        @Override
        public String typeName() {
            return "a DMA handle";
        }
    }

    record Coherent(CoherentAllocation allocation) implements Value {
        @Override
        public String typeName() {
            return "a coherent allocation";
        }
    }

    /** {@code x[lo..hi]} of a view or a handle. */
    record Slice(Value base, long offset, long length) implements Value {
        @Override
        public String typeName() {
            return base.typeName().replaceFirst("^an? ", "a slice of ");
        }
    }

    /** Bytes to write: {@code u32(x)}, {@code u64(x)}, a byte list, a string, {@code pattern(seed)}. */
    record Bytes(byte[] data, boolean stream, long seed, String description) implements Value {
        @Override
        public String typeName() {
            return "bytes";
        }
    }

    /**
     * The outcome set of a read; {@code read} numbers it among the run's reads (-1: not from the
     * interpreter), so that an explorer can restrict it to one branch of a condition.
     */
    record Outcomes(ReadResult result, int read) implements Value {
        public Outcomes(ReadResult result) {
            this(result, -1);
        }

        @Override
        public String typeName() {
            return "read outcomes";
        }
    }

    /** An engine object the script only passes around (reports, later dma-bufs and attachments). */
    record Opaque(Object object, String typeName) implements Value {
    }
}
