package org.dmasim.engine.sync;

/**
 * {@code struct ww_acquire_ctx} of {@code reservation_ww_class} (include/linux/ww_mutex.h): the
 * context in which a driver takes several reservation locks ({@code ww_acquire_init},
 * {@code dma_resv_lock(obj, ctx)}, {@code ww_acquire_done}, {@code ww_acquire_fini}). With a
 * single CPU there is no other context to back off from, so -EDEADLK never happens; locking an
 * object the context already holds is -EALREADY.
 */
public final class WwAcquireCtx {
    private final String label;
    private int acquired;
    private boolean done;
    private boolean finished;

    public WwAcquireCtx(String label) {
        this.label = label;
    }

    /** {@code ctx->acquired}: how many locks the context holds. */
    public int acquired() {
        return acquired;
    }

    public void acquire() {
        acquired++;
    }

    public void release() {
        acquired--;
    }

    public boolean done() {
        return done;
    }

    public void markDone() {
        done = true;
    }

    public boolean finished() {
        return finished;
    }

    public void markFinished() {
        finished = true;
    }

    @Override
    public String toString() {
        return label;
    }
}
