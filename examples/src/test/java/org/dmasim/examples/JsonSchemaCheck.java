package org.dmasim.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.networknt.schema.Error;
import com.networknt.schema.InputFormat;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** Validates JSON Lines against docs/json-output.schema.json, line by line. */
final class JsonSchemaCheck {
    private static final Path SCHEMA = Path.of("").toAbsolutePath().getParent().resolve("docs/json-output.schema.json");
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Schema VALIDATOR = load();

    private JsonSchemaCheck() {
    }

    private static Schema load() {
        try {
            return SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12)
                    .getSchema(Files.readString(SCHEMA, StandardCharsets.UTF_8), InputFormat.JSON);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Every line is one JSON object the schema accepts; returns the objects. */
    static List<JsonNode> validateLines(String lines, String what) throws IOException {
        List<String> all = lines.lines().filter(l -> !l.isBlank()).toList();
        assertFalse(all.isEmpty(), what + ": no JSON lines");
        List<JsonNode> out = new java.util.ArrayList<>();
        for (String line : all) {
            JsonNode node = JSON.readTree(line);
            List<Error> errors = VALIDATOR.validate(node);
            assertEquals(List.of(), errors.stream().map(Error::toString).toList(),
                    what + ": a line does not match docs/json-output.schema.json:\n" + line);
            out.add(node);
        }
        return out;
    }
}
