package org.dmasim.cli;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Properties;
import picocli.CommandLine.IVersionProvider;

/** {@code dmasim --version}: the project version Maven filtered into {@code version.properties}. */
final class VersionProvider implements IVersionProvider {
    @Override
    public String[] getVersion() {
        return new String[] {"dmasim " + projectVersion() + " (Java " + System.getProperty("java.version") + ")"};
    }

    static String projectVersion() {
        return properties().getProperty("version", "unknown");
    }

    /** The project's home page, where releases are downloaded. */
    static String projectUrl() {
        return properties().getProperty("url", "unknown");
    }

    private static Properties properties() {
        Properties props = new Properties();
        try (InputStream in = VersionProvider.class.getResourceAsStream("version.properties")) {
            if (in != null) {
                props.load(in);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return props;
    }
}
