package org.dmasim.interpreter.builtins;

import org.dmasim.interpreter.eval.Value;
import org.dmasim.interpreter.eval.ValueKind;

/** What a builtin parameter accepts; the registry checks arguments against it before calling. */
public enum ParamType {
    ANY("any value"),
    INT("an integer"),
    BOOL("a boolean"),
    STRING("a string"),
    DEVICE("a device"),
    /** A CPU view (buffer, coherent CPU side, vmap, mmap) or a slice of one. */
    VIEW("a buffer or CPU view"),
    /** A DMA handle or a slice of one, or an integer bus address. */
    HANDLE("a DMA handle or bus address"),
    COHERENT("a coherent allocation"),
    /** DMA_TO_DEVICE, DMA_FROM_DEVICE, DMA_BIDIRECTIONAL, DMA_NONE. */
    DIRECTION("a DMA direction"),
    /** Bytes to write: a byte, a string, a list of bytes, u32/u64/pattern. */
    BYTES("a value to write"),
    LIST("a list");

    private final String description;

    ParamType(String description) {
        this.description = description;
    }

    public String description() {
        return description;
    }

    /** Whether an argument of this kind is accepted (checked before the builtin runs, and by dmasim check). */
    /**
     * {@link #accepts(ValueKind)} of {@code v}'s kind, tested on the value itself: every builtin call
     * checks each argument, and working its kind out first showed in the profile.
     */
    public boolean accepts(Value v) {
        return switch (this) {
            case ANY, BYTES -> true;
            case INT, DIRECTION -> v instanceof Value.Int || v instanceof Value.Handle;
            case BOOL -> v instanceof Value.Bool || v instanceof Value.Int;
            case STRING -> v instanceof Value.Str;
            case DEVICE -> v instanceof Value.DeviceValue;
            case VIEW -> v instanceof Value.View || v instanceof Value.Slice s && !(s.base() instanceof Value.Handle);
            case HANDLE -> v instanceof Value.Handle || v instanceof Value.Int
                    || v instanceof Value.Slice s && s.base() instanceof Value.Handle;
            case COHERENT -> v instanceof Value.Coherent;
            case LIST -> v instanceof Value.ListValue;
        };
    }

    public boolean accepts(ValueKind k) {
        return switch (this) {
            case ANY, BYTES -> true;
            case INT, DIRECTION -> k == ValueKind.INT || k == ValueKind.HANDLE;
            case BOOL -> k == ValueKind.BOOL || k == ValueKind.INT;
            case STRING -> k == ValueKind.STRING;
            case DEVICE -> k == ValueKind.DEVICE;
            case VIEW -> k == ValueKind.VIEW || k == ValueKind.VIEW_SLICE;
            case HANDLE -> k == ValueKind.HANDLE || k == ValueKind.INT || k == ValueKind.HANDLE_SLICE;
            case COHERENT -> k == ValueKind.COHERENT;
            case LIST -> k == ValueKind.LIST;
        };
    }
}
