package org.dmasim.api;

/**
 * How many executions a run explored. A scenario whose devices run concurrent jobs, or that
 * branches on a read with several possible values, denotes several executions; every other
 * scenario has one.
 *
 * @param count how many executions were explored
 * @param bounded whether exploration stopped at {@link SandboxBuilder#maxExecutions} before covering them all
 *     (then no {@code expect}/{@code never} verdict is claimed for what was not explored)
 */
public record Executions(long count, boolean bounded) {
    /** A run of one execution. */
    public static final Executions ONE = new Executions(1, false);
}
