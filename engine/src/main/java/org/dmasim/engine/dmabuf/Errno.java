package org.dmasim.engine.dmabuf;

/** The negative errno values the dma-buf calls return (include/uapi/asm-generic/errno*.h). */
public final class Errno {
    public static final int EBADF = -9;
    public static final int ENOMEM = -12;
    public static final int EBUSY = -16;
    public static final int EINVAL = -22;
    public static final int ENOSYS = -38;
    public static final int EOVERFLOW = -75;
    public static final int EOPNOTSUPP = -95;
    public static final int EIO = -5;
    public static final int EREMOTEIO = -121;

    private Errno() {
    }

    /** {@code -EINVAL}, ... for messages. */
    public static String name(int errno) {
        return switch (errno) {
            case EBADF -> "-EBADF";
            case ENOMEM -> "-ENOMEM";
            case EBUSY -> "-EBUSY";
            case EINVAL -> "-EINVAL";
            case ENOSYS -> "-ENOSYS";
            case EOVERFLOW -> "-EOVERFLOW";
            case EOPNOTSUPP -> "-EOPNOTSUPP";
            case EIO -> "-EIO";
            case EREMOTEIO -> "-EREMOTEIO";
            default -> Integer.toString(errno);
        };
    }
}
