package org.dmasim.lsp;

import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import org.dmasim.interpreter.builtins.BuiltinRegistry;
import org.eclipse.lsp4j.CompletionItem;
import org.eclipse.lsp4j.CompletionList;
import org.eclipse.lsp4j.CompletionParams;
import org.eclipse.lsp4j.DefinitionParams;
import org.eclipse.lsp4j.DidChangeTextDocumentParams;
import org.eclipse.lsp4j.DidCloseTextDocumentParams;
import org.eclipse.lsp4j.DidOpenTextDocumentParams;
import org.eclipse.lsp4j.DidSaveTextDocumentParams;
import org.eclipse.lsp4j.Hover;
import org.eclipse.lsp4j.HoverParams;
import org.eclipse.lsp4j.Location;
import org.eclipse.lsp4j.LocationLink;
import org.eclipse.lsp4j.PublishDiagnosticsParams;
import org.eclipse.lsp4j.TextDocumentPositionParams;
import org.eclipse.lsp4j.jsonrpc.messages.Either;
import org.eclipse.lsp4j.services.LanguageClient;
import org.eclipse.lsp4j.services.TextDocumentService;

/** The open scripts: checked on every change, with completion, hover and go-to-definition. */
final class DmaTextDocumentService implements TextDocumentService {
    private final Map<String, OpenScript> open = new ConcurrentHashMap<>();
    private final BuiltinRegistry registry = BuiltinRegistry.standard();
    private volatile LanguageClient client;

    void connect(LanguageClient languageClient) {
        this.client = languageClient;
    }

    @Override
    public void didOpen(DidOpenTextDocumentParams params) {
        update(params.getTextDocument().getUri(), params.getTextDocument().getText());
    }

    @Override
    public void didChange(DidChangeTextDocumentParams params) {
        var changes = params.getContentChanges();
        if (!changes.isEmpty()) { // full sync: the last change is the whole text
            update(params.getTextDocument().getUri(), changes.get(changes.size() - 1).getText());
        }
    }

    @Override
    public void didClose(DidCloseTextDocumentParams params) {
        String uri = params.getTextDocument().getUri();
        open.remove(uri);
        publish(uri, List.of());
    }

    @Override
    public void didSave(DidSaveTextDocumentParams params) {
        // checked on every change already
    }

    @Override
    public CompletableFuture<Either<List<CompletionItem>, CompletionList>> completion(CompletionParams params) {
        return answer(params, (script, offset) -> Either.forLeft(Completions.at(script, offset, registry)),
                Either.forLeft(List.of()));
    }

    @Override
    public CompletableFuture<Hover> hover(HoverParams params) {
        return answer(params, (script, offset) -> Hovers.at(script, offset, registry), null);
    }

    @Override
    public CompletableFuture<Either<List<? extends Location>, List<? extends LocationLink>>> definition(
            DefinitionParams params) {
        return answer(params, (script, offset) -> Either.forLeft(Definitions.at(script, offset)),
                Either.forLeft(List.of()));
    }

    private void update(String uri, String text) {
        OpenScript script = new OpenScript(uri, text);
        open.put(uri, script);
        publish(uri, ScriptDiagnostics.of(script));
    }

    private void publish(String uri, List<org.eclipse.lsp4j.Diagnostic> diagnostics) {
        LanguageClient c = client;
        if (c != null) {
            c.publishDiagnostics(new PublishDiagnosticsParams(uri, diagnostics));
        }
    }

    interface Query<T> {
        T answer(OpenScript script, int offset);
    }

    private <T> CompletableFuture<T> answer(TextDocumentPositionParams params, Query<T> query, T none) {
        OpenScript script = open.get(params.getTextDocument().getUri());
        if (script == null) {
            return CompletableFuture.completedFuture(none);
        }
        return CompletableFuture.completedFuture(query.answer(script, script.offset(params.getPosition())));
    }
}
