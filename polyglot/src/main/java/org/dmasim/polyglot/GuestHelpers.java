package org.dmasim.polyglot;

import org.graalvm.polyglot.Source;

/** Sources of the small guest functions dmasim installs; named so that positions never point into them. */
final class GuestHelpers {
    static final String NAME = "<dmasim>";

    private GuestHelpers() {
    }

    static Source js(String what, String text) {
        return Source.newBuilder("js", text, NAME + what).buildLiteral();
    }

    static Source python(String what, String text) {
        return Source.newBuilder("python", text, NAME + what).buildLiteral();
    }
}
