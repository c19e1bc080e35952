package org.dmasim.lsp;

import org.eclipse.lsp4j.DidChangeConfigurationParams;
import org.eclipse.lsp4j.DidChangeWatchedFilesParams;
import org.eclipse.lsp4j.services.WorkspaceService;

/** The server has no settings and watches no files: each open script is checked on its own. */
final class NoWorkspaceService implements WorkspaceService {
    @Override
    public void didChangeConfiguration(DidChangeConfigurationParams params) {
        // nothing is configurable
    }

    @Override
    public void didChangeWatchedFiles(DidChangeWatchedFilesParams params) {
        // an imported library changed: the next edit of a script that imports it checks it again
    }
}
