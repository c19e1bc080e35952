package org.dmasim.interpreter.eval;

import java.util.Set;

/** An open {@code expect report} block: the codes it expects and the first report raised inside it. */
record ExpectFrame(Set<String> codes, SourceSite site, int firstReport) {
}
