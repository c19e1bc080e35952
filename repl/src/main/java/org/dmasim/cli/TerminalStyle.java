package org.dmasim.cli;

import org.dmasim.interpreter.diag.Style;
import picocli.CommandLine.Help.Ansi;

/** Colours for a terminal, as picocli's ANSI styles: red errors, yellow warnings and stale values, green passes. */
enum TerminalStyle implements Style {
    INSTANCE;

    @Override
    public String paint(Role role, String text) {
        Ansi.IStyle[] styles = switch (role) {
            case ERROR, FAIL -> new Ansi.IStyle[] {Ansi.Style.bold, Ansi.Style.fg_red};
            case WARNING -> new Ansi.IStyle[] {Ansi.Style.bold, Ansi.Style.fg_yellow};
            case STALE -> new Ansi.IStyle[] {Ansi.Style.fg_yellow};
            case PASS -> new Ansi.IStyle[] {Ansi.Style.bold, Ansi.Style.fg_green};
            case LOCATION -> new Ansi.IStyle[] {Ansi.Style.bold};
            case NOTE -> new Ansi.IStyle[] {Ansi.Style.fg_cyan};
        };
        return Ansi.Style.on(styles) + text + Ansi.Style.reset.on();
    }
}
