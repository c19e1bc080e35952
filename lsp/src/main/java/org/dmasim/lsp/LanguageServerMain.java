package org.dmasim.lsp;

import java.io.InputStream;
import java.io.OutputStream;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import org.eclipse.lsp4j.jsonrpc.Launcher;
import org.eclipse.lsp4j.launch.LSPLauncher;
import org.eclipse.lsp4j.services.LanguageClient;

/** {@code dmasim lsp}: the language server over a pair of streams (stdin and stdout), until the client exits. */
public final class LanguageServerMain {
    private LanguageServerMain() {
    }

    /**
     * Serves one client on {@code in}/{@code out} until it sends {@code exit} or closes the connection.
     *
     * @return the exit code the protocol asks for: 0 after a {@code shutdown} request, 1 otherwise
     */
    public static int run(InputStream in, OutputStream out) throws InterruptedException {
        DmaLanguageServer server = new DmaLanguageServer();
        Launcher<LanguageClient> launcher = LSPLauncher.createServerLauncher(server, in, out);
        server.connect(launcher.getRemoteProxy());
        Future<Void> listening = launcher.startListening();
        server.onExit(() -> listening.cancel(true));
        try {
            listening.get();
        } catch (CancellationException exited) {
            // the client sent exit
        } catch (ExecutionException e) {
            throw new IllegalStateException("the language server's connection failed", e.getCause());
        }
        return server.wasShutDown() ? 0 : 1;
    }
}
