package org.dmasim.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** The KTAP reader accepts the specification's examples and rejects what breaks its rules. */
class KtapTest {
    /** The example at the end of Documentation/dev-tools/ktap.rst, indented by two. */
    private static final String SPEC_EXAMPLE = """
            KTAP version 1
            1..1
              KTAP version 1
              1..3
                KTAP version 1
                1..1
                # test_1: initializing test_1
                ok 1 test_1
              ok 1 example_test_1
                KTAP version 1
                1..2
                ok 1 test_1 # SKIP test_1 skipped
                ok 2 test_2
              ok 2 example_test_2
                KTAP version 1
                1..3
                ok 1 test_1
                # test_2: FAIL
                not ok 2 test_2
                ok 3 test_3 # SKIP test_3 skipped
              not ok 3 example_test_3
            not ok 1 main_test
            """;

    /** How KUnit prints a suite (lib/kunit/test.c: four-space indent, a # Subtest line, totals). */
    private static final String KUNIT = """
            KTAP version 1
            1..1
                KTAP version 1
                # Subtest: example
                # module: kunit_example_test
                1..2
                # example_simple_test: initializing
                ok 1 example_simple_test
                ok 2 example_skip_test # SKIP this test should be skipped
            # example: pass:1 fail:0 skip:1 total:2
            # Totals: pass:1 fail:0 skip:1 total:2
            ok 1 example
            """;

    @Test
    void readsTheSpecificationExample() {
        Ktap.Run run = Ktap.parse(SPEC_EXAMPLE);
        Ktap.Test main = run.top().tests().get(0);
        assertEquals("main_test", main.name());
        assertTrue(main.failed());
        Ktap.Test third = main.subtests().tests().get(2);
        assertEquals("example_test_3", third.name());
        assertEquals("FAIL", third.subtests().tests().get(1).diagnostics().get(0).strip().replace("test_2: ", ""));
        assertEquals("SKIP", third.subtests().tests().get(2).directive());
        assertEquals("test_3 skipped", third.subtests().tests().get(2).directiveText());
        assertTrue(run.unknown().isEmpty());
    }

    @Test
    void readsKunitOutput() {
        Ktap.Block suite = Ktap.parse(KUNIT).top().tests().get(0).subtests();
        assertEquals("example", suite.subtestName());
        assertEquals(2, suite.plan());
        assertFalse(suite.tests().get(1).failed());
    }

    @Test
    void rejectsBrokenOutput() {
        assertThrows(Ktap.Invalid.class, () -> Ktap.parse("TAP version 13\n1..1\nok 1 a\n"), "version");
        assertThrows(Ktap.Invalid.class, () -> Ktap.parse("KTAP version 1\nok 1 a\n"), "no plan");
        assertThrows(Ktap.Invalid.class, () -> Ktap.parse("KTAP version 1\n1..2\nok 1 a\n"), "fewer results than planned");
        assertThrows(Ktap.Invalid.class, () -> Ktap.parse("KTAP version 1\n1..2\nok 1 a\nok 3 b\n"), "numbering");
        assertThrows(Ktap.Invalid.class, () -> Ktap.parse("KTAP version 1\n1..1\nok 1 a\nok 2 b\n"), "more than planned");
        assertThrows(Ktap.Invalid.class, () -> Ktap.parse("KTAP version 1\n1..1\nok 1 a #b\n"), "# in a description");
        assertThrows(Ktap.Invalid.class, () -> Ktap.parse("KTAP version 1\n1..1\nok 1 a # ERROR boom\n"), "ERROR is not ok");
        assertThrows(Ktap.Invalid.class, () -> Ktap.parse(KUNIT.replace("ok 1 example\n", "ok 1 other\n")), "name");
        assertThrows(Ktap.Invalid.class, () -> Ktap.parse(KUNIT.replace("    ok 1 example_simple_test",
                "    not ok 1 example_simple_test")), "a failed subtest under an ok parent");
        assertThrows(Ktap.Invalid.class, () -> Ktap.parse(KUNIT.replace("    ok 1 example_simple_test",
                "  ok 1 example_simple_test")), "indentation");
    }

    @Test
    void keepsUnknownLinesApart() {
        Ktap.Run run = Ktap.parse("KTAP version 1\n1..1\nsome kernel message\nok 1 a\n");
        assertEquals(java.util.List.of("some kernel message"), run.unknown());
    }
}
