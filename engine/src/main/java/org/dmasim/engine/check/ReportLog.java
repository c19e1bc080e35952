package org.dmasim.engine.check;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.dmasim.engine.Site;

/** The reports of one run, in order. Reports are data, never exceptions. */
public final class ReportLog {
    private final List<Report> reports = new ArrayList<>();

    public Report add(ReportCode code, String message, Site site, String help, List<String> witnesses) {
        return add(code, code.defaultSeverity(), message, site, help, witnesses);
    }

    public Report add(ReportCode code, Severity severity, String message, Site site, String help,
            List<String> witnesses) {
        return add(new Report(code, severity, message, site, help, witnesses));
    }

    public Report add(Report r) {
        reports.add(r);
        return r;
    }

    public int size() {
        return reports.size();
    }

    /** Drops the reports after the first {@code size}: those of a call that failed. */
    public void truncate(int size) {
        if (size < reports.size()) {
            reports.subList(size, reports.size()).clear();
        }
    }

    /**
     * Every report so far, as a read-only view that grows with the log: callers take the new ones
     * by index after each statement, so a copy here would make long runs quadratic.
     */
    public List<Report> all() {
        return Collections.unmodifiableList(reports);
    }
}
