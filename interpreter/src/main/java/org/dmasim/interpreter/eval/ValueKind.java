package org.dmasim.interpreter.eval;

/**
 * The kinds of {@link Value}, as the type checker and the builtin registry speak of them: a
 * parameter accepts some kinds, a builtin returns some kinds, and {@code dmasim check} infers which
 * kinds an expression may have before the script runs.
 */
public enum ValueKind {
    INT("an integer"),
    BOOL("a boolean"),
    STRING("a string"),
    NULL("null"),
    LIST("a list"),
    RECORD("a record"),
    FUNCTION("a function"),
    BUILTIN("a builtin function"),
    DEVICE("a device"),
    VIEW("a CPU view"),
    HANDLE("a DMA handle"),
    COHERENT("a coherent allocation"),
    VIEW_SLICE("a slice of CPU view"),
    HANDLE_SLICE("a slice of DMA handle"),
    BYTES("bytes"),
    OUTCOMES("read outcomes"),
    /** A dma-buf, an attachment, a GEM object, ...: passed around, never computed with. */
    OPAQUE("a kernel object");

    private final String description;

    ValueKind(String description) {
        this.description = description;
    }

    /** How messages name a value of this kind ("an integer"), as {@link Value#typeName()} does. */
    public String description() {
        return description;
    }

    public static ValueKind of(Value v) {
        return switch (v) {
            case Value.Int i -> INT;
            case Value.Bool b -> BOOL;
            case Value.Str s -> STRING;
            case Value.Null n -> NULL;
            case Value.ListValue l -> LIST;
            case Value.RecordValue r -> RECORD;
            case Value.Function f -> FUNCTION;
            case Value.BuiltinFunction b -> BUILTIN;
            case Value.DeviceValue d -> DEVICE;
            case Value.View view -> VIEW;
            case Value.Handle h -> HANDLE;
            case Value.Coherent c -> COHERENT;
            case Value.Slice s -> s.base() instanceof Value.Handle ? HANDLE_SLICE : VIEW_SLICE;
            case Value.Bytes b -> BYTES;
            case Value.Outcomes o -> OUTCOMES;
            case Value.Opaque o -> OPAQUE;
        };
    }
}
