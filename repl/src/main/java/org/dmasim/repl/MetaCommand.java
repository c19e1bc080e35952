package org.dmasim.repl;

/**
 * A REPL command that is not .dma: {@code :name args}. {@link MetaCommands} lists them all; {@code :help}
 * and the README's table are generated from that list.
 *
 * @param usage the arguments, as shown in help ({@code FILE}, {@code [name]})
 * @param summary one line: what the command does
 */
public record MetaCommand(String name, String usage, String summary, Action action) {
    /** Runs the command with its argument text (trimmed, possibly empty); returns false to end the REPL. */
    @FunctionalInterface
    public interface Action {
        boolean run(String argument);
    }

    /** {@code :save FILE}. */
    public String synopsis() {
        return ":" + name + (usage.isEmpty() ? "" : " " + usage);
    }
}
