package io.millrace.catalog;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.Consumer;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/** A copy of the shipped catalog in a directory, to be changed as an organisation would change its own. */
public final class CatalogCopy {

    private final Path directory;

    private CatalogCopy(Path directory) {
        this.directory = directory;
    }

    public static CatalogCopy of(Path directory) {
        CatalogCopy copy = new CatalogCopy(directory);
        JsonNode index = copy.read("catalog.json");
        copy.write("catalog.json", index);
        for (JsonNode type : index.get("types")) {
            for (JsonNode major : type.get("majors")) {
                String name = type.get("type").asString() + "/v" + major.asInt() + ".schema.json";
                copy.write(name, copy.read(name));
            }
        }
        return copy;
    }

    public Path directory() {
        return directory;
    }

    /** Changes the catalog.json entry of one type. */
    public CatalogCopy type(String type, Consumer<ObjectNode> change) {
        ObjectNode index = (ObjectNode) readFile("catalog.json");
        for (JsonNode entry : index.get("types")) {
            if (entry.get("type").asString().equals(type)) {
                change.accept((ObjectNode) entry);
            }
        }
        write("catalog.json", index);
        return this;
    }

    /** Adds (or replaces) the schema of one major version. */
    public CatalogCopy schema(String type, int major, JsonNode schema) {
        write(type + "/v" + major + ".schema.json", schema);
        return this;
    }

    public ObjectNode schemaOf(String type, int major) {
        return (ObjectNode) read(type + "/v" + major + ".schema.json");
    }

    private JsonNode read(String resource) {
        try (InputStream in = CatalogCopy.class.getClassLoader().getResourceAsStream("catalog/" + resource)) {
            return EventJson.mapper().readTree(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private JsonNode readFile(String resource) {
        try {
            return EventJson.mapper().readTree(Files.readString(directory.resolve(resource)));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void write(String resource, JsonNode node) {
        try {
            Path file = directory.resolve(resource);
            Files.createDirectories(file.getParent());
            Files.writeString(file, EventJson.mapper().writerWithDefaultPrettyPrinter().writeValueAsString(node));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
