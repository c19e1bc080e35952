package org.dmasim.interpreter.eval;

/**
 * How an explorer of executions steers a run from inside it: a run cut short as redundant, a hang,
 * a condition that forks. Not an error of the script: a front end that runs guest code (JavaScript,
 * Python) passes it through to the explorer unchanged.
 */
public abstract class ExplorationSignal extends RuntimeException {
    protected ExplorationSignal(String what) {
        super(what, null, false, false);
    }
}
