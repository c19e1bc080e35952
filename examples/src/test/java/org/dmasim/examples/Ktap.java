package org.dmasim.examples;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A strict reader of KTAP version 1 (Documentation/dev-tools/ktap.rst in the kernel): a version
 * line, a plan, result lines numbered from 1 up by one, as many as the plan says, nested tests as
 * indented blocks that start with their own version line and end with the parent's result line
 * (named as their {@code # Subtest:} line says), a failed subtest failing its parent, directives
 * from the specification's list, no {@code #} in a description, and every line of a block at that
 * block's indentation. Lines of no KTAP kind are kept apart, so a test can insist there are none.
 */
final class Ktap {
    /** A result line and what led up to it. */
    record Test(int number, boolean ok, String name, String directive, String directiveText, List<String> diagnostics,
            Block subtests) {
        boolean failed() {
            return !ok && !"SKIP".equals(directive);
        }
    }

    /** A version line, a plan and its results, at one indentation. */
    record Block(String indent, String subtestName, int plan, List<Test> tests, List<String> diagnostics) {
    }

    /** The whole output: the top block, and the lines that were not KTAP at all. */
    record Run(Block top, List<String> unknown) {
    }

    static final class Invalid extends RuntimeException {
        private static final long serialVersionUID = 1L;

        Invalid(int line, String message) {
            super("line " + (line + 1) + ": " + message);
        }
    }

    private static final Pattern VERSION = Pattern.compile("( *)KTAP version 1");
    private static final Pattern PLAN = Pattern.compile("( *)1\\.\\.(\\d+)");
    private static final Pattern RESULT = Pattern.compile("( *)(ok|not ok) (\\d+)(?: ([^#]*?))?(?: #(?: (.*))?)?");
    private static final Pattern DIAGNOSTIC = Pattern.compile("( *)#(.*)");
    private static final Pattern SUBTEST = Pattern.compile(" Subtest: (.+)");
    private static final Set<String> DIRECTIVES = Set.of("SKIP", "TODO", "XFAIL", "TIMEOUT", "ERROR");

    private final List<String> lines;
    private final List<String> unknown = new ArrayList<>();
    private int at;

    private Ktap(List<String> lines) {
        this.lines = lines;
    }

    static Run parse(String text) {
        Ktap k = new Ktap(text.lines().toList());
        if (k.lines.isEmpty() || !k.lines.get(0).equals("KTAP version 1")) {
            throw new Invalid(0, "the output must start with 'KTAP version 1'");
        }
        Block top = k.block("");
        k.skipNonResults("");
        if (k.at < k.lines.size()) {
            throw new Invalid(k.at, "unexpected after the last test: " + k.lines.get(k.at));
        }
        return new Run(top, List.copyOf(k.unknown));
    }

    /** A block whose version line is at {@code at}, indented by {@code indent}. */
    private Block block(String indent) {
        at++;
        List<String> diagnostics = new ArrayList<>();
        String subtest = null;
        Matcher plan = null;
        while (at < lines.size()) {
            String line = lines.get(at);
            Matcher d = DIAGNOSTIC.matcher(line);
            Matcher p = PLAN.matcher(line);
            if (p.matches()) {
                requireIndent(p.group(1), indent, "plan");
                plan = p;
                at++;
                break;
            } else if (d.matches()) {
                requireIndent(d.group(1), indent, "diagnostic");
                Matcher s = SUBTEST.matcher(d.group(2));
                if (s.matches()) {
                    subtest = s.group(1);
                }
                diagnostics.add(d.group(2));
                at++;
            } else {
                throw new Invalid(at, "expected the plan '1..N' after the version line, got: " + line);
            }
        }
        if (plan == null) {
            throw new Invalid(at, "no plan");
        }
        int count = Integer.parseInt(plan.group(2));
        List<Test> tests = new ArrayList<>();
        while (tests.size() < count) {
            tests.add(test(indent, tests.size() + 1));
        }
        return new Block(indent, subtest, count, List.copyOf(tests), List.copyOf(diagnostics));
    }

    /** Diagnostics, maybe a nested block, then the result line numbered {@code expected}. */
    private Test test(String indent, int expected) {
        List<String> diagnostics = skipNonResults(indent);
        Block nested = null;
        if (at < lines.size()) {
            Matcher v = VERSION.matcher(lines.get(at));
            if (v.matches()) {
                if (v.group(1).length() <= indent.length()) {
                    throw new Invalid(at, "a nested version line must be indented deeper than its parent");
                }
                nested = block(v.group(1));
                diagnostics.addAll(skipNonResults(indent));
            }
        }
        if (at >= lines.size()) {
            throw new Invalid(at, "missing result line for test " + expected);
        }
        Matcher r = RESULT.matcher(lines.get(at));
        if (!r.matches()) {
            throw new Invalid(at, "expected result line for test " + expected + ", got: " + lines.get(at));
        }
        requireIndent(r.group(1), indent, "result");
        int number = Integer.parseInt(r.group(3));
        if (number != expected) {
            throw new Invalid(at, "test number " + number + ", expected " + expected);
        }
        String name = r.group(4) == null ? "" : r.group(4);
        String directive = null;
        String directiveText = null;
        if (r.group(5) != null) {
            String[] words = r.group(5).split(" ", 2);
            if (DIRECTIVES.contains(words[0])) {
                directive = words[0];
                directiveText = words.length > 1 ? words[1] : "";
            } else {
                directiveText = r.group(5);
            }
        }
        boolean ok = r.group(2).equals("ok");
        if (ok && ("TIMEOUT".equals(directive) || "ERROR".equals(directive))) {
            throw new Invalid(at, directive + " needs 'not ok'");
        }
        if (nested != null) {
            if (nested.subtestName() != null && !nested.subtestName().equals(name)) {
                throw new Invalid(at, "the result of subtest '" + nested.subtestName() + "' is named '" + name + "'");
            }
            if (ok && nested.tests().stream().anyMatch(Test::failed)) {
                throw new Invalid(at, "'" + name + "' is ok but a subtest failed");
            }
        }
        at++;
        return new Test(number, ok, name, directive, directiveText, List.copyOf(diagnostics), nested);
    }

    /** Diagnostic lines (at {@code indent}) and unknown lines up to the next version or result line. */
    private List<String> skipNonResults(String indent) {
        List<String> diagnostics = new ArrayList<>();
        while (at < lines.size()) {
            String line = lines.get(at);
            if (VERSION.matcher(line).matches() || RESULT.matcher(line).matches()) {
                break;
            }
            Matcher d = DIAGNOSTIC.matcher(line);
            if (d.matches()) {
                requireIndent(d.group(1), indent, "diagnostic");
                diagnostics.add(d.group(2));
            } else if (PLAN.matcher(line).matches()) {
                throw new Invalid(at, "a plan without a version line");
            } else {
                unknown.add(line);
            }
            at++;
        }
        return diagnostics;
    }

    private void requireIndent(String actual, String expected, String what) {
        if (!actual.equals(expected)) {
            throw new Invalid(at, "the " + what + " line is indented " + actual.length() + ", its block " + expected.length());
        }
    }
}
