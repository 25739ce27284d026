package io.millrace.edge;

import static org.assertj.core.api.Assertions.assertThat;

import io.millrace.catalog.EventCatalog;
import io.millrace.catalog.EventJson;
import io.millrace.testing.Events;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The edge agent validates against the hub's catalog when it has ever seen it (fetched now, or
 * cached from an earlier run while the hub is down) and against the shipped catalog otherwise.
 */
class EdgeCatalogTest {

    private static final String WIDGET = "mfg.test.widget.counted";

    @TempDir
    Path dataDir;

    /** A hub that answers its catalog and key, or is down. */
    static final class CatalogHub implements HubLink {
        volatile boolean down;
        volatile String catalog = hubCatalog();
        int asked;

        @Override
        public synchronized Answer get(String path) throws IOException {
            asked++;
            if (down) {
                throw new java.net.ConnectException("Connection refused");
            }
            return switch (path) {
                case HubSync.CATALOG -> new Answer(200, catalog, null);
                case HubSync.KEY -> new Answer(200, "{\"keyId\":\"k-1\",\"name\":\"plant\",\"role\":\"producer\","
                        + "\"sources\":[\"*\"],\"plants\":[\"P100\"],\"eventTypes\":[\"*\"]}", null);
                default -> new Answer(404, "{}", null);
            };
        }

        @Override
        public Answer post(String path, String contentType, byte[] body) throws IOException {
            throw new IOException("not posted to in these tests");
        }
    }

    /** The shipped catalog as a hub publishes it, plus a type the shipped one lacks. */
    static String hubCatalog() {
        EventCatalog shipped = EventCatalog.loadDefault();
        ObjectNode published = EventJson.mapper().valueToTree(Map.of("types", shipped.types()));
        ArrayNode types = (ArrayNode) published.get("types");
        ObjectNode widget = (ObjectNode) types.get(5).deepCopy(); // mfg.production.order.closed: data {orderId}
        String dataschema = "urn:millrace:schema:" + WIDGET + ":1";
        widget.put("type", WIDGET);
        ObjectNode version = (ObjectNode) widget.get("versions").get(0);
        version.put("dataschema", dataschema);
        ((ObjectNode) version.get("schema")).put("$id", dataschema);
        types.add(widget);
        return published.toString();
    }

    private static JsonNode widgetEvent() {
        return EventJson.mapper().readTree(Events.closed(EdgeRig.SOURCE, "w-1", "P100", "MO-1")
                .replace("mfg.production.order.closed", WIDGET));
    }

    private HubSync sync(CatalogHub hub, EdgeCatalog catalog) {
        return new HubSync(hub, catalog, HubKey.open(dataDir), new HubContact(Clock.systemUTC()),
                java.time.Duration.ofMinutes(1));
    }

    @Test
    void aHubNeverReachedLeavesTheShippedCatalogInUse() {
        CatalogHub hub = new CatalogHub();
        hub.down = true;
        EdgeCatalog catalog = EdgeCatalog.open(dataDir, Clock.systemUTC());

        assertThat(sync(hub, catalog).refresh()).isFalse();

        assertThat(catalog.snapshot().origin()).isEqualTo(EdgeCatalog.Origin.BUILT_IN);
        assertThat(catalog.current().types()).hasSize(16);
        assertThat(catalog.current().validate(widgetEvent())).extracting(e -> e.pointer()).containsExactly("/type");
        assertThat(dataDir.resolve(EdgeCatalog.FILE)).doesNotExist();
    }

    @Test
    void theHubsCatalogIsUsedAndAfterARestartDuringAnOutageItsCachedCopy() {
        CatalogHub hub = new CatalogHub();
        EdgeCatalog catalog = EdgeCatalog.open(dataDir, Clock.systemUTC());

        assertThat(sync(hub, catalog).refresh()).isTrue();
        assertThat(catalog.snapshot().origin()).isEqualTo(EdgeCatalog.Origin.HUB);
        assertThat(catalog.current().validate(widgetEvent())).isEmpty();

        hub.down = true;
        EdgeCatalog restarted = EdgeCatalog.open(dataDir, Clock.systemUTC());
        assertThat(sync(hub, restarted).refresh()).isFalse();

        assertThat(restarted.snapshot().origin()).isEqualTo(EdgeCatalog.Origin.CACHE);
        assertThat(restarted.current().types()).hasSize(17);
        assertThat(restarted.current().validate(widgetEvent())).isEmpty();
        assertThat(HubKey.open(dataDir).known()).as("the key's scope is cached too")
                .hasValueSatisfying(k -> assertThat(k.scope().plants()).containsExactly("P100"));
    }

    @Test
    void aCatalogTheHubChangesIsAdoptedAtTheNextRefresh() {
        CatalogHub hub = new CatalogHub();
        EdgeCatalog catalog = EdgeCatalog.open(dataDir, Clock.systemUTC());
        HubSync sync = sync(hub, catalog);
        sync.refresh();
        EventCatalog first = catalog.current();

        sync.refresh();
        assertThat(catalog.current()).as("an unchanged catalog is not rebuilt").isSameAs(first);

        hub.catalog = EventJson.mapper().valueToTree(Map.of("types", EventCatalog.loadDefault().types())).toString();
        sync.refresh();
        assertThat(catalog.current().types()).hasSize(16);
        assertThat(catalog.current().validate(widgetEvent())).isNotEmpty();
    }

    @Test
    void whatIsNotACatalogNeitherReplacesTheOneInUseNorTheCache() throws IOException {
        CatalogHub hub = new CatalogHub();
        EdgeCatalog catalog = EdgeCatalog.open(dataDir, Clock.systemUTC());
        sync(hub, catalog).refresh();
        String cached = Files.readString(dataDir.resolve(EdgeCatalog.FILE));

        hub.catalog = "{\"types\":\"none\"}";
        assertThat(sync(hub, catalog).refresh()).isFalse();

        assertThat(catalog.current().types()).hasSize(17);
        assertThat(Files.readString(dataDir.resolve(EdgeCatalog.FILE))).isEqualTo(cached);
    }

    @Test
    void aDamagedCacheFallsBackToTheShippedCatalog() throws IOException {
        Files.writeString(dataDir.resolve(EdgeCatalog.FILE), "{\"types\": [");

        EdgeCatalog catalog = EdgeCatalog.open(dataDir, Clock.systemUTC());

        assertThat(catalog.snapshot().origin()).isEqualTo(EdgeCatalog.Origin.BUILT_IN);
        assertThat(catalog.current().types()).hasSize(16);
    }
}
