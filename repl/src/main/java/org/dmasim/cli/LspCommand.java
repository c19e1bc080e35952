package org.dmasim.cli;

import java.util.concurrent.Callable;
import org.dmasim.lsp.LanguageServerMain;
import picocli.CommandLine.Command;

/** {@code dmasim lsp}: the .dma language server for editors, speaking LSP on stdin and stdout. */
@Command(
        name = "lsp",
        mixinStandardHelpOptions = true,
        versionProvider = VersionProvider.class,
        description = {"Run the .dma language server (Language Server Protocol) on stdin and stdout, for editors:",
            "diagnostics from dmasim check, completion and hover from the builtins, go-to-definition."},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:the editor shut the server down", "1:the editor left without asking it to shut down"})
final class LspCommand implements Callable<Integer> {
    @Override
    public Integer call() throws InterruptedException {
        // The protocol owns the process's real stdin and stdout; nothing else may write to stdout.
        return LanguageServerMain.run(System.in, System.out);
    }
}
