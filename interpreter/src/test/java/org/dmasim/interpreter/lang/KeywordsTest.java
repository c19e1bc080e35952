package org.dmasim.interpreter.lang;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.dmasim.interpreter.parse.Vocabulary;
import org.junit.jupiter.api.Test;

class KeywordsTest {
    /** A keyword the grammar gains without an entry here would have no :help, no reference row, no docs link. */
    @Test
    void everyKeywordOfTheLexerIsDeclared() {
        List<String> missing = Vocabulary.keywords().stream().filter(k -> Keywords.find(k).isEmpty()).toList();
        assertEquals(List.of(), missing, "add each to lang.Keywords");
    }

    /** docs/language.md has a row for every device and machine property, so a new one is documented for users. */
    @Test
    void everyDeviceAndMachinePropertyHasARowInTheLanguageDoc() throws IOException {
        String doc = Files.readString(Path.of("..", "docs", "language.md"), StandardCharsets.UTF_8);
        List<String> missing = new ArrayList<>();
        for (List<Property> block : List.of(Properties.device(), Properties.machine())) {
            block.stream().filter(p -> !doc.contains("\n| `" + p.name() + "` |"))
                    .forEach(p -> missing.add(p.owner() + " " + p.name()));
        }
        assertEquals(List.of(), missing, "add a row to docs/language.md");
    }

    /** docs/language.md's table of fields names every field lang.Fields declares. */
    @Test
    void everyFieldIsInTheLanguageDoc() throws IOException {
        String doc = Files.readString(Path.of("..", "docs", "language.md"), StandardCharsets.UTF_8);
        List<String> missing = Fields.all().stream().filter(f -> !doc.contains("`" + f.name() + "`"))
                .map(f -> f.owner() + " " + f.name()).distinct().toList();
        assertEquals(List.of(), missing, "add each to the table of fields in docs/language.md");
    }
}
