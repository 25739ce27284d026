package io.millrace.catalog;

import java.net.URI;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.support.ServletUriComponentsBuilder;
import tools.jackson.databind.node.ObjectNode;

/**
 * {@code GET /api/v1/catalog/asyncapi}: the catalog as an AsyncAPI 3.0.0 document, for the tools
 * of integration teams (code generators, documentation portals, brokers' schema registries). Like
 * the catalog, any key may read it. The HTTP server is the address the caller reached the hub on.
 */
@RestController
class AsyncApiController {

    private final EventCatalog catalog;
    private final String kafkaBootstrap;
    private final String kafkaInboundTopic;
    private final String mqttBroker;

    AsyncApiController(EventCatalog catalog,
                       @Value("${millrace.kafka.bootstrap:localhost:9092}") String kafkaBootstrap,
                       @Value("${millrace.kafka.inbound-topic:millrace.inbound}") String kafkaInboundTopic,
                       @Value("${millrace.mqtt.url:tcp://localhost:1883}") String mqttUrl) {
        this.catalog = catalog;
        this.kafkaBootstrap = kafkaBootstrap.isBlank() ? "localhost:9092" : kafkaBootstrap;
        this.kafkaInboundTopic = kafkaInboundTopic;
        this.mqttBroker = hostAndPort(mqttUrl);
    }

    @GetMapping(path = "/api/v1/catalog/asyncapi", produces = MediaType.APPLICATION_JSON_VALUE)
    ObjectNode asyncApi() {
        URI base = ServletUriComponentsBuilder.fromCurrentContextPath().build().toUri();
        String host = base.getHost() + (base.getPort() < 0 ? "" : ":" + base.getPort());
        return AsyncApiDocument.of(catalog, new AsyncApiDocument.Endpoints(host, base.getScheme(), kafkaBootstrap,
                kafkaInboundTopic, mqttBroker));
    }

    /** {@code tcp://broker:1883} as AsyncAPI wants a host: {@code broker:1883}. */
    private static String hostAndPort(String url) {
        int scheme = url.indexOf("://");
        String rest = scheme < 0 ? url : url.substring(scheme + 3);
        int path = rest.indexOf('/');
        return path < 0 ? rest : rest.substring(0, path);
    }
}
