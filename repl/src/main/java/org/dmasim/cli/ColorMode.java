package org.dmasim.cli;

import java.util.Map;
import java.util.function.BooleanSupplier;
import org.dmasim.interpreter.diag.Style;
import picocli.CommandLine.Help.Ansi;

/**
 * {@code --color=auto|always|never}. {@code auto} colours only a terminal and honours {@code NO_COLOR}
 * (https://no-color.org: set and not empty turns colour off); {@code always} colours even into a pipe.
 */
enum ColorMode {
    auto, always, never;

    /** Whether output is coloured, given the environment and whether it goes to a terminal. */
    boolean enabled(Map<String, String> env, BooleanSupplier terminal) {
        return switch (this) {
            case always -> true;
            case never -> false;
            case auto -> {
                String noColor = env.get("NO_COLOR");
                yield (noColor == null || noColor.isEmpty()) && terminal.getAsBoolean();
            }
        };
    }

    /** The style for this process's standard output. */
    Style style() {
        // picocli's AUTO looks for a terminal (Console.isTerminal() from Java 22) and its own overrides
        return enabled(System.getenv(), Ansi.AUTO::enabled) ? TerminalStyle.INSTANCE : Style.PLAIN;
    }
}
