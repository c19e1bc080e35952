package org.dmasim.engine.check;

import java.util.List;
import org.dmasim.engine.Site;

/**
 * A finding, as data (docs/semantics.md, "Reports"): a stable code, the severity, the kernel's message
 * where it has one, where it happened, what the driver should call instead, and the
 * witnesses (event chains naming source sites) that make it possible.
 */
public record Report(ReportCode code, Severity severity, String message, Site site, String help,
        List<String> witnesses) {
    public Report {
        witnesses = List.copyOf(witnesses);
    }
}
