package org.dmasim.interpreter.parse;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.util.List;
import org.dmasim.interpreter.diag.Diagnostic;
import org.dmasim.interpreter.diag.SourceFile;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

/** Pins the wording and position of the syntax errors people actually make. */
class SyntaxErrorTableTest {

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', quoteCharacter = '`', textBlock = """
            let x =                                  | 1:8  | expected an expression
            expect x ==                              | 1:12 | expected an expression
            let v = x[0..]                           | 1:14 | expected an expression
            cpu writes rx[0..4] 5                    | 1:21 | expected '=' after 'writes TARGET'
            f(1))                                    | 1:5  | unexpected ')'
            let x = 1\\n}                             | 2:1  | unexpected '}'
            let s = "abc                             | 1:9  | unterminated string
            let a = 1 @ 2                            | 1:11 | unexpected character '@'
            fn f() {\\n  let x = 1\\n                  | 2:12 | missing '}' at end of file (block opened at 1:8)
            print(1, 2                               | 1:11 | missing ')' at end of file ('(' opened at 1:6)
            print(1, 2\\nlet y = 3                    | 2:1  | missing ')' before 'let' ('(' opened at 1:6)
            let = 1                                  | 1:5  | expected a name after 'let'
            let x 1                                  | 1:7  | expected '=' after 'let NAME'
            if x > 1 print(x)                        | 1:10 | expected '{' after the if condition
            while n < 3 n = n + 1                    | 1:13 | expected '{' after the while condition
            for i 0..4 {}                            | 1:7  | expected 'in' after 'for NAME'
            expect report { f() }                    | 1:15 | expected a report code after 'expect report'
            device { dma_mask: 64 }                  | 1:8  | expected a device name after 'device'
            device nic { dma_mask 64 }               | 1:23 | expected ':' after the field name
            device nic { dma_mask: 64 coherent: no } | 1:27 | expected ',' or a newline between fields
            let x = 1 2                              | 1:11 | expected a newline or ';' before '2'
            let x = 4 Bytes                          | 1:11 | expected a newline or ';' before 'Bytes'
            else {}                                  | 1:1  | 'else' without an 'if' before it
            fn f(a b) {}                             | 1:8  | expected ',' or ')' in the parameter list
            f(a b)                                   | 1:5  | expected ',' or ')' after an argument
            let l = [1 2]                            | 1:12 | expected ',' or ']' in the list
            let r = { 1: 2 }                         | 1:11 | expected a field name
            let d = m.                               | 1:11 | expected a field name after '.'
            arch                                     | 1:5  | expected an arch name after 'arch', such as arm64 or x86_64
            import foo                               | 1:8  | expected a quoted path after 'import'
            let x = 99999999999999999999999          | 1:9  | integer 99999999999999999999999 does not fit in 64 bits
            let x = 0x1_0000_0000_0000_0000          | 1:9  | integer 0x1_0000_0000_0000_0000 does not fit in 64 bits
            let s = "a\\qb"                           | 1:11 | unknown escape '\\q' in a string
            let s = "\\x4"                            | 1:10 | '\\x' must be followed by two hex digits
            nic writes m[0..64]                      | 1:20 | expected '=' after 'writes TARGET'
            expect report A B {}                     | 1:17 | expected ',' or '{' after a report code
            if x {} else y                           | 1:14 | expected 'if' or '{' after 'else'
            fn f(a, ) {}                             | 1:9  | expected a parameter name after ','
            fn f {}                                  | 1:6  | expected '(' after 'fn NAME'
            let x = a[1 2]                           | 1:13 | expected '..' or ']' after the index
            let x = f(,)                             | 1:11 | expected an expression
            for i in 0..4 print(i)                   | 1:15 | expected '{' after 'for NAME in ...'
            let x = (1, 2)                           | 1:11 | expected ')'
            """)
    void firstError(String text, String position, String message) {
        SourceFile source = SourceFile.of("t.dma", text.replace("\\n", "\n"));
        List<Diagnostic> errors = new ScriptParser().parse(source).diagnostics();
        assertFalse(errors.isEmpty(), "no error for: " + text);
        Diagnostic first = errors.get(0);
        assertEquals(message, first.message());
        assertEquals(position, source.position(first.span().start()));
        assertEquals(Diagnostic.SYNTAX, first.code());
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            lte x = 1                          | did you mean 'let'?
            expect repot STALE_READ { f() }    | did you mean 'report'?
            whlie n < 3 {}                     | did you mean 'while'?
            fn f() {\\n  retrun x\\n}          | did you mean 'return'?
            improt "lib.dma"                   | did you mean 'import'?
            devce nic { dma_mask: 32 }         | did you mean 'device'?
            expect somtimes cpu reads b == 1   | did you mean 'sometimes'?
            """)
    void misspeltKeywordsGetAHint(String text, String help) {
        List<Diagnostic> errors = new ScriptParser().parse(SourceFile.of("t.dma", text.replace("\\n", "\n"))).diagnostics();
        assertFalse(errors.isEmpty(), "no error for: " + text);
        assertEquals(help, errors.get(0).help());
    }

    @Test
    void noHintForOrdinaryNames() {
        List<Diagnostic> errors = new ScriptParser().parse(SourceFile.of("t.dma", "let x = a b\nprint(m n)")).diagnostics();
        assertEquals(2, errors.size());
        errors.forEach(e -> assertEquals(null, e.help()));
    }

    @Test
    void everyErrorIsReportedNotOnlyTheFirst() {
        SourceFile source = SourceFile.of("t.dma", "let = 1\nlet ok = 2\nf(a b)\nlet x = 1 2\n}\n");
        List<String> found = new ScriptParser().parse(source).diagnostics().stream()
                .map(d -> source.position(d.span().start()) + " " + d.message()).toList();
        assertEquals(List.of(
                "1:5 expected a name after 'let'",
                "3:5 expected ',' or ')' after an argument",
                "4:11 expected a newline or ';' before '2'",
                "5:1 unexpected '}'"), found);
    }

    @Test
    void theGoodStatementsAroundAnErrorAreStillBuilt() {
        ParseResult result = new ScriptParser().parse(SourceFile.of("t.dma", "let a = 1\nlet = 2\nlet b = 3\n"));
        assertEquals(1, result.diagnostics().size());
        assertEquals(2, result.program().statements().size());
    }

    @Test
    void anEmojiIsOneUnexpectedCharacter() {
        SourceFile source = SourceFile.of("t.dma", "let x = 1 \uD83D\uDE00");
        List<Diagnostic> errors = new ScriptParser().parse(source).diagnostics();
        assertEquals(1, errors.size());
        assertEquals("unexpected character '\uD83D\uDE00'", errors.get(0).message());
    }
}
