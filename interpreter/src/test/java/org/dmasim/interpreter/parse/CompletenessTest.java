package org.dmasim.interpreter.parse;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The REPL asks for another line exactly when the input cannot be finished yet. */
class CompletenessTest {
    private final ScriptParser parser = new ScriptParser();

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(delimiter = '|', quoteCharacter = '`', textBlock = """
            let x = 1                         | true
            ``                                | true
            # only a comment                  | true
            print(1,                          | false
            let l = [1, 2                     | false
            fn f(a) {                         | false
            fn f(a) {\\n  return a\\n}          | true
            if x {\\n} else {                  | false
            device nic {\\n dma_mask: 64       | false
            print("abc                        | false
            print("abc\\n")                   | true
            let x =                           | false
            let x = # no value yet            | false
            let x = 1 +                       | false
            expect a ==                       | false
            expect a and                      | false
            expect not                        | false
            cpu writes                        | false
            cpu writes bo[0..4] =             | false
            let x = 1 +\\n 2                   | true
            f(1))                             | true
            }                                 | true
            let x = 1 @                       | true
            if x                              | true
            let s = "a" + "b"                 | true
            """)
    void completeness(String text, boolean complete) {
        assertEquals(complete, parser.isComplete(text.replace("\\n", "\n")));
    }
}
