package org.dmasim.interpreter.timeline;

import java.util.List;
import org.dmasim.interpreter.eval.OutcomeText;

/** A read a statement made: its text and every value it could return, with witnesses. */
public record ReadEvent(String position, String source, List<OutcomeText.Line> outcomes) {
    public ReadEvent {
        outcomes = List.copyOf(outcomes);
    }
}
