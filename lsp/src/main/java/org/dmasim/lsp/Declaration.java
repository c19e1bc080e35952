package org.dmasim.lsp;

import org.dmasim.interpreter.ast.Span;

/** A name a script declares: where its name is written, and how it reads in a hover. */
record Declaration(Kind kind, String name, Span nameSpan, String summary) {
    enum Kind { LET, FN, DEVICE, PARAMETER, LOOP_VARIABLE }
}
