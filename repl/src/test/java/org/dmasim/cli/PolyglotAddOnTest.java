package org.dmasim.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class PolyglotAddOnTest {
    @Test
    void anUnpackedReleaseIsToldTheArchiveAndTheCommandThatInstallsIt() {
        String text = PolyglotAddOn.missing("sweep.js", "1.2.0", "https://example.org/dmasim", Path.of("/opt/dmasim-1.2.0"));
        assertTrue(text.startsWith("error: sweep.js: .js and .py scenarios need the dmasim polyglot add-on"), text);
        assertTrue(text.contains("download dmasim-1.2.0-polyglot.tar.gz from https://example.org/dmasim/releases"), text);
        assertTrue(text.contains("tar -xzf dmasim-1.2.0-polyglot.tar.gz -C /opt/dmasim-1.2.0 --strip-components=1"), text);
    }

    @Test
    void withoutAnInstallationFolderItNamesTheMavenArtifact() {
        String text = PolyglotAddOn.missing("a.py", "1.2.0", "https://example.org/dmasim", null);
        assertTrue(text.contains("org.dmasim:dmasim-polyglot:1.2.0"), text);
        assertEquals(2, text.lines().count(), text);
    }
}
