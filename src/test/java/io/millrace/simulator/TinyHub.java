package io.millrace.simulator;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntFunction;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * A stand-in for the hub's intake on a random local port: records every request and answers each
 * POST with the status {@code script} gives for its number (202 with receipts, deduplicated by
 * source and id, for 202).
 */
final class TinyHub implements AutoCloseable {

    record Request(String contentType, String authorization, JsonNode body) {
    }

    final List<Request> requests = Collections.synchronizedList(new ArrayList<>());
    private final Set<String> seen = ConcurrentHashMap.newKeySet();
    private final AtomicInteger posts = new AtomicInteger();
    private final HttpServer server;
    private final IntFunction<Integer> script;

    TinyHub(IntFunction<Integer> script) throws IOException {
        this.script = script;
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/api/v1/events", this::events);
        server.createContext("/api/v1/master-data", this::masterData);
        server.setExecutor(java.util.concurrent.Executors.newFixedThreadPool(4));
        server.start();
    }

    URI url() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
    }

    List<JsonNode> acceptedBodies() {
        return requests.stream().map(Request::body).toList();
    }

    private void events(HttpExchange exchange) throws IOException {
        JsonNode body = TrafficSender.MAPPER.readTree(exchange.getRequestBody().readAllBytes());
        requests.add(new Request(exchange.getRequestHeaders().getFirst("Content-Type"),
                exchange.getRequestHeaders().getFirst("Authorization"), body));
        int status = script.apply(posts.incrementAndGet());
        if (status != 202) {
            String problem = "{\"type\":\"about:blank\",\"title\":\"t\",\"status\":" + status
                    + ",\"detail\":\"scripted answer " + status + "\",\"errors\":[{\"index\":1,\"pointer\":\"/data/quantity\","
                    + "\"message\":\"must be greater than 0\"}]}";
            if (status == 429) {
                exchange.getResponseHeaders().add("Retry-After", "0");
            }
            send(exchange, status, "application/problem+json", problem);
            return;
        }
        ObjectNode answer = TrafficSender.MAPPER.createObjectNode();
        ArrayNode receipts = answer.putArray("receipts");
        for (JsonNode event : body) {
            boolean fresh = seen.add(event.get("source").asString() + " " + event.get("id").asString());
            receipts.addObject().put("source", event.get("source").asString()).put("id", event.get("id").asString())
                    .put("trackingId", "t-" + seen.size()).put("status", fresh ? "ACCEPTED" : "DUPLICATE");
        }
        send(exchange, 202, "application/json", TrafficSender.MAPPER.writeValueAsString(answer));
    }

    private void masterData(HttpExchange exchange) throws IOException {
        if (!"Bearer K".equals(exchange.getRequestHeaders().getFirst("Authorization"))) {
            send(exchange, 403, "application/problem+json", "{\"status\":403,\"detail\":\"auditor role needed\"}");
            return;
        }
        send(exchange, 200, "application/json",
                Files.readString(Path.of("src/test/resources/simulator/master-data.json")));
    }

    private static void send(HttpExchange exchange, int status, String type, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().add("Content-Type", type);
        exchange.sendResponseHeaders(status, bytes.length);
        exchange.getResponseBody().write(bytes);
        exchange.close();
    }

    @Override
    public void close() {
        server.stop(0);
        ((java.util.concurrent.ExecutorService) server.getExecutor()).shutdownNow();
    }
}
