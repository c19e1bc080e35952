package org.dmasim.engine.check;

import java.util.List;
import org.dmasim.engine.Site;

/**
 * A finding, as data (docs/semantics.md, "Reports"): a stable code, the severity, the kernel's message
 * where it has one, where it happened, what the driver should call instead, the witnesses
 * (event chains naming source sites) that make it possible, and notes on how the kernel
 * itself would show it (dma-debug prints only its first error by default).
 */
public record Report(ReportCode code, Severity severity, String message, Site site, String help,
        List<String> witnesses, List<String> notes) {
    public Report {
        witnesses = List.copyOf(witnesses);
        notes = List.copyOf(notes);
    }

    public Report(ReportCode code, Severity severity, String message, Site site, String help,
            List<String> witnesses) {
        this(code, severity, message, site, help, witnesses, List.of());
    }
}
