package org.dmasim.polyglot;

/**
 * A mistake of the guest script in a dmasim call (wrong argument, failed {@code eval}); the
 * bindings turn it into a guest exception ({@code DmasimError}) the script may catch.
 */
final class GuestError extends RuntimeException {
    GuestError(String message) {
        super(message, null, false, false);
    }
}
