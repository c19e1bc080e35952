package org.dmasim.cli;

import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.AutoComplete;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code dmasim completion bash|zsh}: prints the shell completion script picocli generates from the command
 * model, so it always knows every subcommand and option. One script serves both shells: in zsh it loads
 * {@code bashcompinit} first.
 */
@Command(
        name = "completion",
        mixinStandardHelpOptions = true,
        versionProvider = VersionProvider.class,
        description = {"Print the shell completion script for dmasim.",
            "bash: source <(dmasim completion bash)   (or put it in ~/.bashrc)",
            "zsh:  source <(dmasim completion zsh)    (or put it in ~/.zshrc)"},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:the script was printed", "2:usage error: an unknown shell"})
final class CompletionCommand implements Callable<Integer> {
    enum Shell { bash, zsh }

    @Spec
    CommandSpec spec;

    @Parameters(paramLabel = "SHELL", description = "the shell: ${COMPLETION-CANDIDATES}")
    Shell shell;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        // picocli's script tests $BASH_VERSION / $ZSH_VERSION itself, so the same text serves both shells.
        out.print(AutoComplete.bash(spec.root().name(), spec.root().commandLine()));
        out.flush();
        return 0;
    }
}
