package io.millrace.catalog;

import com.networknt.schema.Error;
import io.millrace.web.FieldError;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;
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
        return load(resource -> loader.getResourceAsStream(RESOURCE_ROOT + resource), "classpath:" + RESOURCE_ROOT);
    }

    /**
     * A catalog kept in a directory of the same layout as the shipped one ({@code catalog.json}
     * and {@code <type>/v<major>.schema.json}), for an organisation that governs its own.
     */
    public static EventCatalog load(Path directory) {
        return load(resource -> {
            Path file = directory.resolve(resource);
            try {
                return Files.isRegularFile(file) ? Files.newInputStream(file) : null;
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }, directory.toString());
    }

    /**
     * Reads and checks the catalog: every schema has its {@code $id}, every type its governance,
     * and every newer major version is a compatible evolution of the one before it.
     *
     * @throws IllegalStateException naming the resource, the type and what is wrong
     */
    private static EventCatalog load(Function<String, InputStream> resources, String where) {
        JsonNode index = read(resources, where, "catalog.json");
        DataSchemaCompiler compiler = new DataSchemaCompiler();
        Map<String, CatalogEntry> entries = new LinkedHashMap<>();
        for (JsonNode type : index.path("types")) {
            String name = type.path("type").asString("");
            Map<Integer, CatalogEntry.DataSchema> majors = new TreeMap<>();
            for (JsonNode major : type.path("majors")) {
                int number = major.asInt();
                String id = CatalogEntry.dataschema(name, number);
                JsonNode schema = read(resources, where, name + "/v" + number + ".schema.json");
                if (!id.equals(schema.path("$id").asString())) {
                    throw new IllegalStateException("The schema of " + name + " v" + number + " must have $id " + id);
                }
                majors.put(number, new CatalogEntry.DataSchema(number, schema, compiler.compile(id, schema)));
            }
            if (majors.isEmpty()) {
                throw new IllegalStateException("Event type " + name + " in " + where + "/catalog.json has no majors");
            }
            checkEvolution(name, majors);
            JsonNode key = type.get("businessKey");
            entries.put(name, new CatalogEntry(name, GovernanceReader.read(name, type, where), new TreeMap<>(majors),
                    new CatalogEntry.BusinessKeyRule(key.get("prefix").asString(), key.get("pointer").asString())));
        }
        return new EventCatalog(entries);
    }

    /** Each major version must be a compatible evolution of the one before it, or the catalog does not load. */
    private static void checkEvolution(String type, Map<Integer, CatalogEntry.DataSchema> majors) {
        CatalogEntry.DataSchema previous = null;
        for (CatalogEntry.DataSchema current : majors.values()) {
            if (previous != null) {
                List<String> breaks = SchemaCompatibility.breaks(previous.major(), previous.source(), current.major(),
                        current.source());
                if (!breaks.isEmpty()) {
                    throw new IllegalStateException("The event catalog does not load: " + type + " v" + current.major()
                            + " is not a compatible evolution of v" + previous.major() + ": "
                            + String.join("; ", breaks));
                }
            }
            previous = current;
        }
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
            entries.put(name, new CatalogEntry(name, GovernanceReader.published(name, type), new TreeMap<>(majors),
                    CatalogEntry.BusinessKeyRule.parse(type.path("businessKey").asString(""))));
        }
        return new EventCatalog(entries);
    }

    private static JsonNode read(Function<String, InputStream> resources, String where, String resource) {
        try (InputStream in = resources.apply(resource)) {
            if (in == null) {
                throw new IllegalStateException("The event catalog resource " + resource + " is missing from " + where);
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
        CatalogEntry entry = entry(validEvent.path("type").asString(""));
        return entry.businessKey().keyOf(latestData(validEvent));
    }

    /**
     * The {@code data} of a valid event in the shape of its type's latest major version: an event
     * that names an older version in {@code dataschema} (or none, meaning v1) is upcast, so that
     * the posting rules read every version alike.
     *
     * @throws IllegalArgumentException when the event is not of a known type
     */
    public JsonNode latestData(JsonNode validEvent) {
        CatalogEntry entry = entry(validEvent.path("type").asString(""));
        int major = EnvelopeRules.majorOf(validEvent.get("dataschema"));
        JsonNode data = validEvent.path("data");
        return major >= entry.latestMajor() ? data : entry.upcast(major, data);
    }

    /** The governance of a known type: owner, status and accounting effect. */
    public Governance governance(String type) {
        return entry(type).governance();
    }

    private CatalogEntry entry(String type) {
        CatalogEntry entry = entries.get(type);
        if (entry == null) {
            throw new IllegalArgumentException("'" + type + "' is not a known event type");
        }
        return entry;
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

    /** The types in catalog order, each with its governance, versions, schemas and business-key rule. */
    public List<EventTypeDescriptor> types() {
        return descriptors;
    }

    public boolean knowsType(String type) {
        return type != null && entries.containsKey(type);
    }
}
