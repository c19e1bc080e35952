package org.dmasim.dist;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * jbang-catalog.json at the repository root, checked against jbang's catalog format (its Catalog and Alias
 * classes: what they read, what they require): jbang itself is not on the build machine.
 */
class JbangCatalogTest {
    private static final Path ROOT = Path.of(System.getProperty("dmasim.root", "..")).toAbsolutePath().normalize();
    private static final Set<String> CATALOG_KEYS = Set.of("catalogs", "aliases", "templates", "base-ref", "description");
    /** Alias fields, with whether each is a string (else a list of strings; "properties" is an object). */
    private static final Map<String, Boolean> ALIAS_FIELDS = Map.ofEntries(
            Map.entry("script-ref", true), Map.entry("description", true), Map.entry("java", true),
            Map.entry("main", true), Map.entry("arguments", false), Map.entry("java-options", false),
            Map.entry("sources", false), Map.entry("files", false), Map.entry("dependencies", false),
            Map.entry("repositories", false), Map.entry("classpaths", false));

    private final String version = System.getProperty("dmasim.version", "");

    @Test
    void catalogHasJbangsShapeAndRunsThisVersion() throws IOException {
        JsonNode catalog = new ObjectMapper().readTree(ROOT.resolve("jbang-catalog.json").toFile());
        assertTrue(catalog.isObject());
        catalog.fieldNames().forEachRemaining(k -> assertTrue(CATALOG_KEYS.contains(k), "unknown catalog key " + k));
        JsonNode aliases = catalog.get("aliases");
        assertTrue(aliases != null && aliases.isObject() && aliases.size() > 0, "aliases");
        Set<String> names = new HashSet<>();
        aliases.fields().forEachRemaining(e -> {
            String name = e.getKey();
            names.add(name);
            assertTrue(name.matches("^[a-zA-Z][-\\w]*$"), "jbang's alias name rule: " + name);
            checkAlias(name, e.getValue());
        });
        assertTrue(names.containsAll(Set.of("dmasim", "dmasim-polyglot")), names.toString());
        assertEquals("org.dmasim.cli.Main", aliases.get("dmasim").get("main").asText());
        assertTrue(aliases.get("dmasim-polyglot").get("dependencies").toString()
                .contains("org.dmasim:dmasim-polyglot:" + version), "polyglot alias adds the add-on");
    }

    private void checkAlias(String name, JsonNode alias) {
        assertTrue(alias.isObject(), name);
        alias.fields().forEachRemaining(f -> {
            String field = f.getKey();
            JsonNode value = f.getValue();
            if (field.equals("properties")) {
                assertTrue(value.isObject(), name + ".properties");
                return;
            }
            Boolean string = ALIAS_FIELDS.get(field);
            assertTrue(string != null, name + ": unknown alias field " + field);
            if (string) {
                assertTrue(value.isTextual(), name + "." + field + " must be a string");
            } else {
                assertTrue(value.isArray(), name + "." + field + " must be a list");
                value.forEach(item -> assertTrue(item.isTextual(), name + "." + field + " holds strings"));
            }
        });
        // required by jbang; a Maven coordinate of this build, so a release bump cannot forget the catalog
        assertEquals("org.dmasim:dmasim-repl:" + version, alias.path("script-ref").asText(), name + ".script-ref");
        assertTrue(alias.path("java").asText().matches("\\d+\\+?"), name + ".java: a version like 21+");
    }
}
