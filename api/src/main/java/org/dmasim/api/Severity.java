package org.dmasim.api;

/** How bad a {@link Report} is. An unexpected error fails the run; a warning does not. */
public enum Severity {
    /** A bug the hardware can show (a stale read, a use after free): the run fails unless expected. */
    ERROR,
    /** Misuse the kernel tolerates or a hazard worth knowing (a leak, a CPU access to a device-owned buffer). */
    WARNING
}
