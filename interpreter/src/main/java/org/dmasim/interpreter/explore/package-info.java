/**
 * Exploring the executions of a concurrent scenario (docs/concurrency.md): a scenario with device
 * jobs or conditions on uncertain reads denotes a set of executions. The {@link
 * org.dmasim.interpreter.explore.Explorer} runs the program again and again from the start, each
 * time under a schedule (the choices made at scheduling points and at forks), the way stateless
 * model checkers (CHESS, GenMC) do: scripts are deterministic, so a schedule's prefix replays
 * exactly. Source-DPOR (Abdulla et al., POPL 2014) with sleep sets skips orders of steps that
 * touch disjoint lines and objects. The executions' outputs are merged into one report.
 */
package org.dmasim.interpreter.explore;
