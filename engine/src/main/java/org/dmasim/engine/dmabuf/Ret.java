package org.dmasim.engine.dmabuf;

/**
 * What a kernel call that returns a pointer or {@code ERR_PTR(-errno)} gives back: the object,
 * or the negative errno (and then a null value).
 */
public record Ret<T>(T value, int errno) {
    public static <T> Ret<T> ok(T value) {
        return new Ret<>(value, 0);
    }

    public static <T> Ret<T> err(int errno) {
        return new Ret<>(null, errno);
    }

    public boolean failed() {
        return errno != 0;
    }
}
