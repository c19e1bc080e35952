package org.dmasim.cli;

import java.nio.file.Path;

/**
 * The polyglot add-on: GraalVM and the JavaScript/Python front ends ship apart from the release archive
 * (about 200 MB against a few), so a {@code .js} or {@code .py} run without them says how to add them.
 */
final class PolyglotAddOn {
    /** Set by {@code bin/dmasim} of an unpacked release: the installation folder (holding bin/ and lib/). */
    static final String HOME_PROPERTY = "dmasim.home";

    private PolyglotAddOn() {
    }

    /** The add-on archive of {@code version}, which unpacks into the same top folder as the release archive. */
    static String archiveName(String version) {
        return "dmasim-" + version + "-polyglot.tar.gz";
    }

    /**
     * What to print when {@code file} needs the add-on and it is absent: where to get it and, for an unpacked
     * release ({@code home} not null), the exact command that installs it there.
     */
    static String missing(String file, String version, String url, Path home) {
        String archive = archiveName(version);
        String text = "error: " + file + ": .js and .py scenarios need the dmasim polyglot add-on (GraalVM"
                + " JavaScript and Python), which is not installed\n";
        if (home == null) {
            return text + "   = help: put org.dmasim:dmasim-polyglot:" + version + " on the class path, or use the release"
                    + " archives: " + archive + " from " + url + "/releases beside dmasim-" + version + "-bin.tar.gz\n";
        }
        return text + "   = help: download " + archive + " from " + url + "/releases (or build it from the sources:"
                + " mvn package writes it to dist/target/), then install it with\n"
                + "           tar -xzf " + archive + " -C " + home + " --strip-components=1\n";
    }
}
