package org.dmasim.cli;

import org.dmasim.interpreter.diag.Style;
import picocli.CommandLine.Option;

/** The {@code --color} option of the commands that print text for people. */
final class ColorOption {
    @Option(names = "--color", paramLabel = "WHEN", defaultValue = "auto",
            description = "colour the output: ${COMPLETION-CANDIDATES} (default: ${DEFAULT-VALUE}: on a terminal,"
                    + " unless NO_COLOR is set)")
    ColorMode color = ColorMode.auto;

    Style style() {
        return color.style();
    }
}
