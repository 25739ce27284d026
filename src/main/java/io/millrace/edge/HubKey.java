package io.millrace.edge;

import io.millrace.access.Caller;
import io.millrace.access.Role;
import io.millrace.access.Scope;
import io.millrace.catalog.EventJson;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashSet;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.JsonNode;

/**
 * What the edge agent knows of the key it forwards with: its id and scope as the hub describes
 * them ({@code GET /api/v1/sources/me}), cached beside the database (never the key itself). Events
 * outside a known scope are refused at the plant with the hub's 403; while the scope is unknown
 * (the hub never reached, or a hub without that endpoint) the hub decides when the event arrives.
 */
public final class HubKey {

    static final String FILE = "hub-key.json";
    private static final Logger log = LoggerFactory.getLogger(HubKey.class);

    /** The key as the hub described it. */
    public record Known(String keyId, String name, Role role, Scope scope) {
    }

    private final Path cacheFile;
    private volatile Known known;
    private volatile String knownText;

    private HubKey(Path cacheFile) {
        this.cacheFile = cacheFile;
    }

    public static HubKey open(Path dataDir) {
        HubKey key = new HubKey(dataDir.resolve(FILE));
        if (Files.isRegularFile(key.cacheFile)) {
            try {
                String text = Files.readString(key.cacheFile, StandardCharsets.UTF_8);
                key.known = parse(text);
                key.knownText = text;
            } catch (IOException | RuntimeException ex) {
                log.warn("The cached description of the hub key {} cannot be used ({}); its scope is unknown until "
                        + "the hub is reached", key.cacheFile, ex.getMessage());
            }
        }
        return key;
    }

    /** Empty while the hub never described the key. */
    public java.util.Optional<Known> known() {
        return java.util.Optional.ofNullable(known);
    }

    /** The caller of every request the edge agent takes with the key: the key's scope, when known, applies. */
    public Caller caller() {
        Known k = known;
        return k == null ? new Caller("edge", "edge agent", Role.PRODUCER, Scope.unrestricted(), null)
                : new Caller(k.keyId(), k.name(), k.role(), k.scope(), null);
    }

    /** Learns the hub's description of the key ({@code GET /api/v1/sources/me}) and caches it. */
    public synchronized void learn(String description) throws IOException {
        if (description.equals(knownText)) {
            return;
        }
        Known parsed = parse(description);
        LocalFiles.replace(cacheFile, description);
        known = parsed;
        knownText = description;
        log.info("The hub key is {} ({}): sources {}, plants {}, event types {}", parsed.keyId(), parsed.role(),
                parsed.scope().sources(), parsed.scope().plants(), parsed.scope().eventTypes());
    }

    private static Known parse(String text) {
        JsonNode node = EventJson.mapper().readTree(text);
        String keyId = node.path("keyId").asString("");
        String role = node.path("role").asString("");
        if (keyId.isEmpty() || role.isEmpty()) {
            throw new IllegalArgumentException("a key description names keyId and role");
        }
        return new Known(keyId, node.path("name").asString(keyId), Role.valueOf(role.toUpperCase(java.util.Locale.ROOT)),
                new Scope(values(node, "sources"), values(node, "plants"), values(node, "eventTypes")));
    }

    private static Set<String> values(JsonNode node, String member) {
        JsonNode array = node.get(member);
        if (array == null || !array.isArray()) {
            return Set.of(Scope.ANY);
        }
        Set<String> out = new LinkedHashSet<>();
        array.forEach(v -> out.add(v.asString()));
        return out;
    }
}
