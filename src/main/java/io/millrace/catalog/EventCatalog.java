package io.millrace.catalog;

import com.networknt.schema.Error;
import io.millrace.web.FieldError;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import tools.jackson.databind.JsonNode;

/**
 * The governed catalog of event types: validates a CloudEvent (envelope and data) and names its
 * business key. Immutable and thread-safe; schemas are compiled once when the catalog is loaded.
 * Events must be read with {@link EventJson#mapper()} so that numbers are exact decimals.
 */
public final class EventCatalog {

    static final String RESOURCE_ROOT = "catalog/";
    private static final String DATA = "/data";

    private final Map<String, CatalogEntry> entries;
    private final EnvelopeRules envelope;
    private final List<EventTypeDescriptor> descriptors;

    private EventCatalog(Map<String, CatalogEntry> entries) {
        this.entries = Collections.unmodifiableMap(new LinkedHashMap<>(entries));
        this.envelope = new EnvelopeRules(this.entries);
        this.descriptors = this.entries.values().stream().map(CatalogEntry::describe).toList();
    }

    /** The catalog shipped with the hub: {@code classpath:catalog/catalog.json} and its schemas. */
    public static EventCatalog loadDefault() {
        ClassLoader loader = EventCatalog.class.getClassLoader();
        JsonNode index = read(loader, RESOURCE_ROOT + "catalog.json");
        DataSchemaCompiler compiler = new DataSchemaCompiler();
        Map<String, CatalogEntry> entries = new LinkedHashMap<>();
        for (JsonNode type : index.get("types")) {
            String name = type.get("type").asString();
            Map<Integer, CatalogEntry.DataSchema> majors = new TreeMap<>();
            for (JsonNode major : type.get("majors")) {
                int number = major.asInt();
                String id = CatalogEntry.dataschema(name, number);
                JsonNode schema = read(loader, RESOURCE_ROOT + name + "/v" + number + ".schema.json");
                if (!id.equals(schema.path("$id").asString())) {
                    throw new IllegalStateException("The schema of " + name + " v" + number + " must have $id " + id);
                }
                majors.put(number, new CatalogEntry.DataSchema(number, schema, compiler.compile(id, schema)));
            }
            JsonNode key = type.get("businessKey");
            entries.put(name, new CatalogEntry(name, new TreeMap<>(majors),
                    new CatalogEntry.BusinessKeyRule(key.get("prefix").asString(), key.get("pointer").asString())));
        }
        return new EventCatalog(entries);
    }

    /**
     * A catalog as another hub publishes it ({@code GET /api/v1/catalog}: types with their versions,
     * schemas and business-key rule), so that a plant edge agent validates exactly as its hub does.
     *
     * @throws IllegalArgumentException naming what is wrong when the document is not such a catalog
     */
    public static EventCatalog fromPublished(JsonNode published) {
        JsonNode types = published == null ? null : published.get("types");
        if (types == null || !types.isArray() || types.isEmpty()) {
            throw new IllegalArgumentException("a published catalog has a non-empty array 'types'");
        }
        DataSchemaCompiler compiler = new DataSchemaCompiler();
        Map<String, CatalogEntry> entries = new LinkedHashMap<>();
        for (JsonNode type : types) {
            String name = type.path("type").asString("");
            if (name.isEmpty() || !type.path("versions").isArray() || type.path("versions").isEmpty()) {
                throw new IllegalArgumentException("every type of a published catalog has a name and versions");
            }
            Map<Integer, CatalogEntry.DataSchema> majors = new TreeMap<>();
            for (JsonNode version : type.get("versions")) {
                int number = version.path("major").asInt(0);
                String id = CatalogEntry.dataschema(name, number);
                JsonNode schema = version.get("schema");
                if (number < 1 || schema == null || !schema.isObject()
                        || !id.equals(version.path("dataschema").asString(""))) {
                    throw new IllegalArgumentException("version " + number + " of " + name + " must have major >= 1, "
                            + "dataschema " + id + " and a schema object");
                }
                majors.put(number, new CatalogEntry.DataSchema(number, schema, compiler.compile(id, schema)));
            }
            entries.put(name, new CatalogEntry(name, new TreeMap<>(majors),
                    CatalogEntry.BusinessKeyRule.parse(type.path("businessKey").asString(""))));
        }
        return new EventCatalog(entries);
    }

    private static JsonNode read(ClassLoader loader, String resource) {
        try (InputStream in = loader.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("The event catalog resource " + resource + " is missing");
            }
            return EventJson.mapper().readTree(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Every violation of the envelope and data rules, empty when the event is valid. Pointers are
     * into the event ({@code /time}, {@code /data/lines/2/unitPrice}); the batch index is left null.
     */
    public List<FieldError> validate(JsonNode event) {
        List<FieldError> errors = new ArrayList<>(0);
        CatalogEntry.DataSchema schema = envelope.check(event, errors);
        if (schema != null) {
            List<Error> dataErrors = schema.compiled().validate(event.get("data"));
            for (Error error : dataErrors) {
                errors.add(SchemaViolations.toFieldError(DATA, error));
            }
        }
        return errors.isEmpty() ? List.of() : List.copyOf(errors);
    }

    /**
     * The key that orders a valid event among its peers (postings.md, "Order, dependencies and
     * parking"): {@code order:<orderId>}, {@code po:<purchaseOrder>}, {@code so:<salesOrder>} or
     * {@code lot:<lot>}.
     *
     * @throws IllegalArgumentException when the event is not of a known type or lacks its key
     */
    public String businessKey(JsonNode validEvent) {
        String type = validEvent.path("type").asString("");
        CatalogEntry entry = entries.get(type);
        if (entry == null) {
            throw new IllegalArgumentException("'" + type + "' is not a known event type");
        }
        return entry.businessKey().keyOf(validEvent.path("data"));
    }

    /**
     * The {@code time} of a valid event. RFC 3339 allows a lowercase {@code t} and {@code z}, which
     * {@link OffsetDateTime#parse(CharSequence)} alone refuses; read the time through here.
     *
     * @throws IllegalArgumentException when the event has no valid time
     */
    public static OffsetDateTime eventTime(JsonNode validEvent) {
        OffsetDateTime time = EnvelopeRules.parseTime(validEvent.path("time").asString(""));
        if (time == null) {
            throw new IllegalArgumentException("The event has no valid RFC 3339 time; validate it first");
        }
        return time;
    }

    /** The types in catalog order, each with its versions, schemas and business-key rule. */
    public List<EventTypeDescriptor> types() {
        return descriptors;
    }

    public boolean knowsType(String type) {
        return type != null && entries.containsKey(type);
    }
}
