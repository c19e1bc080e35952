package org.dmasim.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.eclipse.lsp4j.ClientCapabilities;
import org.eclipse.lsp4j.CompletionItem;
import org.eclipse.lsp4j.CompletionParams;
import org.eclipse.lsp4j.DefinitionParams;
import org.eclipse.lsp4j.DiagnosticSeverity;
import org.eclipse.lsp4j.DidChangeTextDocumentParams;
import org.eclipse.lsp4j.DidOpenTextDocumentParams;
import org.eclipse.lsp4j.Hover;
import org.eclipse.lsp4j.HoverParams;
import org.eclipse.lsp4j.InitializeParams;
import org.eclipse.lsp4j.InitializeResult;
import org.eclipse.lsp4j.InitializedParams;
import org.eclipse.lsp4j.Location;
import org.eclipse.lsp4j.MessageActionItem;
import org.eclipse.lsp4j.MessageParams;
import org.eclipse.lsp4j.Position;
import org.eclipse.lsp4j.PublishDiagnosticsParams;
import org.eclipse.lsp4j.ShowMessageRequestParams;
import org.eclipse.lsp4j.TextDocumentContentChangeEvent;
import org.eclipse.lsp4j.TextDocumentIdentifier;
import org.eclipse.lsp4j.TextDocumentItem;
import org.eclipse.lsp4j.VersionedTextDocumentIdentifier;
import org.eclipse.lsp4j.jsonrpc.Launcher;
import org.eclipse.lsp4j.launch.LSPLauncher;
import org.eclipse.lsp4j.services.LanguageClient;
import org.eclipse.lsp4j.services.LanguageServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code dmasim lsp} as an editor runs it: a separate process, the protocol on its stdin and stdout, and lsp4j's
 * client side on ours.
 */
class LspCommandTest {
    private static final long WAIT_SECONDS = 60; // a bound for a hung server, not a speed target

    @TempDir
    Path dir;

    /** The editor side: keeps what the server publishes. */
    static final class Editor implements LanguageClient {
        final BlockingQueue<PublishDiagnosticsParams> diagnostics = new LinkedBlockingQueue<>();

        @Override
        public void publishDiagnostics(PublishDiagnosticsParams params) {
            diagnostics.add(params);
        }

        @Override
        public void telemetryEvent(Object object) {
        }

        @Override
        public void showMessage(MessageParams params) {
        }

        @Override
        public CompletableFuture<MessageActionItem> showMessageRequest(ShowMessageRequestParams params) {
            return CompletableFuture.completedFuture(null);
        }

        @Override
        public void logMessage(MessageParams params) {
        }
    }

    @Test
    void diagnosticsCompletionHoverAndDefinitionOverStdio() throws Exception {
        Path file = dir.resolve("rx.dma");
        String broken = String.join("\n",
                "arch arm64",
                "device nic { dma_mask: 64, coherent: false }",
                "let rx = alloc_pages(4KiB)",
                "let m = dma_map_single(nic, rx, DMA_FROM_DEVICE)",
                "dma_sync_single_for_cpu(nic, m, 4KiB, DMA_FROM_DEVICE)",
                "cpu reads rx[0..64",
                "");
        Files.writeString(file, broken);
        String uri = file.toUri().toString();

        Process server = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), Main.class.getName(), "lsp")
                .redirectError(ProcessBuilder.Redirect.INHERIT).start();
        try {
            Editor editor = new Editor();
            Launcher<LanguageServer> launcher =
                    LSPLauncher.createClientLauncher(editor, server.getInputStream(), server.getOutputStream());
            launcher.startListening();
            LanguageServer lsp = launcher.getRemoteProxy();

            InitializeParams init = new InitializeParams();
            init.setCapabilities(new ClientCapabilities());
            InitializeResult result = lsp.initialize(init).get(WAIT_SECONDS, TimeUnit.SECONDS);
            assertEquals("dmasim", result.getServerInfo().getName());
            assertTrue(result.getCapabilities().getHoverProvider().getLeft());
            lsp.initialized(new InitializedParams());

            // a syntax error: the unclosed [ on line 6 (index 5)
            lsp.getTextDocumentService().didOpen(new DidOpenTextDocumentParams(new TextDocumentItem(uri, "dma", 1, broken)));
            PublishDiagnosticsParams published = editor.diagnostics.poll(WAIT_SECONDS, TimeUnit.SECONDS);
            assertNotNull(published, "no diagnostics published");
            assertEquals(uri, published.getUri());
            assertFalse(published.getDiagnostics().isEmpty());
            var error = published.getDiagnostics().get(0);
            assertEquals(DiagnosticSeverity.Error, error.getSeverity());
            assertEquals(5, error.getRange().getStart().getLine(), error.toString());
            assertEquals("syntax", error.getCode().getLeft());

            // fixed, but with an unknown name: that error comes from the resolver, as in `dmasim check`
            String fixed = broken.replace("rx[0..64", "rx[0..64]").replace("dma_sync_single_for_cpu(nic, m",
                    "dma_sync_single_for_cpu(nic, mm");
            var change = new DidChangeTextDocumentParams(new VersionedTextDocumentIdentifier(uri, 2),
                    List.of(new TextDocumentContentChangeEvent(fixed)));
            lsp.getTextDocumentService().didChange(change);
            published = editor.diagnostics.poll(WAIT_SECONDS, TimeUnit.SECONDS);
            assertNotNull(published);
            assertEquals(1, published.getDiagnostics().size(), published.toString());
            var unknown = published.getDiagnostics().get(0);
            assertTrue(unknown.getMessage().contains("mm"), unknown.getMessage());
            assertEquals(new Position(4, 29), unknown.getRange().getStart());

            // completion after "dma_" at the start of a new line
            String typing = fixed + "dma_";
            lsp.getTextDocumentService().didChange(new DidChangeTextDocumentParams(
                    new VersionedTextDocumentIdentifier(uri, 3), List.of(new TextDocumentContentChangeEvent(typing))));
            editor.diagnostics.poll(WAIT_SECONDS, TimeUnit.SECONDS);
            List<CompletionItem> items = lsp.getTextDocumentService()
                    .completion(new CompletionParams(new TextDocumentIdentifier(uri), new Position(6, 4)))
                    .get(WAIT_SECONDS, TimeUnit.SECONDS).getLeft();
            List<String> labels = items.stream().map(CompletionItem::getLabel).toList();
            assertTrue(labels.containsAll(List.of("dma_map_single", "dma_sync_single_for_cpu", "dma_unmap_single")),
                    labels.toString());
            assertTrue(labels.stream().allMatch(l -> l.startsWith("dma_")), labels.toString());
            CompletionItem map = items.stream().filter(i -> i.getLabel().equals("dma_map_single")).findFirst().get();
            assertTrue(map.getDetail().startsWith("dma_map_single(dev, "), map.getDetail());

            // hover on the builtin dma_map_single (line 4, column 10)
            Hover hover = lsp.getTextDocumentService()
                    .hover(new HoverParams(new TextDocumentIdentifier(uri), new Position(3, 10)))
                    .get(WAIT_SECONDS, TimeUnit.SECONDS);
            assertNotNull(hover);
            String text = hover.getContents().getRight().getValue();
            assertTrue(text.contains("dma_map_single(dev, "), text);

            // definition of `nic` used on line 4 → the device declaration on line 2; of `rx` → its let
            List<? extends Location> nic = lsp.getTextDocumentService()
                    .definition(new DefinitionParams(new TextDocumentIdentifier(uri), new Position(3, 24)))
                    .get(WAIT_SECONDS, TimeUnit.SECONDS).getLeft();
            assertEquals(1, nic.size());
            assertEquals(uri, nic.get(0).getUri());
            assertEquals(new Position(1, 7), nic.get(0).getRange().getStart());
            assertEquals(new Position(1, 10), nic.get(0).getRange().getEnd());
            List<? extends Location> rx = lsp.getTextDocumentService()
                    .definition(new DefinitionParams(new TextDocumentIdentifier(uri), new Position(5, 10)))
                    .get(WAIT_SECONDS, TimeUnit.SECONDS).getLeft();
            assertEquals(new Position(2, 4), rx.get(0).getRange().getStart());

            lsp.shutdown().get(WAIT_SECONDS, TimeUnit.SECONDS);
            lsp.exit();
            assertTrue(server.waitFor(WAIT_SECONDS, TimeUnit.SECONDS), "the server did not exit");
            assertEquals(0, server.exitValue());
        } finally {
            server.destroyForcibly();
        }
    }
}
