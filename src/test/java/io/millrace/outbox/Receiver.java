package io.millrace.outbox;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import tools.jackson.databind.JsonNode;

/**
 * A webhook subscriber on a random local port: records every request and the events of those it
 * accepted; it can answer with an error status, or stop listening so that connections are refused.
 */
final class Receiver implements AutoCloseable {

    /** {@code headers}: the request's headers by lower-case name, first value of each. */
    record Request(String contentType, String signature, byte[] body, int answered, Map<String, String> headers) {
    }

    private final List<Request> requests = new CopyOnWriteArrayList<>();
    private final List<JsonNode> accepted = new CopyOnWriteArrayList<>();
    private final AtomicInteger status = new AtomicInteger(200);
    private final Map<String, Integer> bySubject = new java.util.concurrent.ConcurrentHashMap<>();
    private final int port;
    private HttpServer server;

    Receiver() {
        server = listen(0);
        port = server.getAddress().getPort();
    }

    private HttpServer listen(int onPort) {
        try {
            HttpServer created = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), onPort), 0);
            created.createContext("/hook", this::handle);
            created.start();
            return created;
        } catch (IOException ex) {
            throw new UncheckedIOException(ex);
        }
    }

    private void handle(HttpExchange exchange) throws IOException {
        byte[] body = exchange.getRequestBody().readAllBytes();
        int answer = status.get();
        String text = new String(body, StandardCharsets.UTF_8);
        for (Map.Entry<String, Integer> refusal : bySubject.entrySet()) {
            if (text.contains("\"subject\":\"" + refusal.getKey() + "\"")) {
                answer = refusal.getValue();
            }
        }
        requests.add(new Request(exchange.getRequestHeaders().getFirst("Content-Type"),
                exchange.getRequestHeaders().getFirst(Signatures.HEADER), body, answer, headers(exchange)));
        if (answer >= 200 && answer < 300) {
            JsonNode json = OutboxJson.MAPPER.readTree(body);
            if (json.isArray()) {
                json.forEach(accepted::add);
            } else {
                accepted.add(json);
            }
        }
        byte[] reply = (answer < 300 ? "" : "subscriber says " + answer).getBytes(StandardCharsets.UTF_8);
        exchange.sendResponseHeaders(answer, reply.length == 0 ? -1 : reply.length);
        if (reply.length > 0) {
            exchange.getResponseBody().write(reply);
        }
        exchange.close();
    }

    private static Map<String, String> headers(HttpExchange exchange) {
        Map<String, String> headers = new TreeMap<>();
        exchange.getRequestHeaders().forEach((name, values) -> headers.put(name.toLowerCase(Locale.ROOT), values.get(0)));
        return headers;
    }

    URI url() {
        return URI.create("http://127.0.0.1:" + port + "/hook");
    }

    void answerWith(int code) {
        status.set(code);
    }

    /** Answers {@code code} to every request carrying an event of this subject (0: as the others again). */
    void answerFor(String subject, int code) {
        if (code == 0) {
            bySubject.remove(subject);
        } else {
            bySubject.put(subject, code);
        }
    }

    /** Stops listening: connections are refused until {@link #resume}. */
    synchronized void goDown() {
        server.stop(0);
        server = null;
    }

    synchronized void resume() {
        server = listen(port);
    }

    List<Request> requests() {
        return List.copyOf(requests);
    }

    List<JsonNode> events() {
        return List.copyOf(accepted);
    }

    /** The subjects of the accepted events, in the order received. */
    List<String> subjects() {
        List<String> subjects = new ArrayList<>();
        accepted.forEach(e -> subjects.add(e.get("subject").asString()));
        return subjects;
    }

    List<String> ids() {
        List<String> ids = new ArrayList<>();
        accepted.forEach(e -> ids.add(e.get("id").asString()));
        return ids;
    }

    @Override
    public synchronized void close() {
        if (server != null) {
            server.stop(0);
        }
    }
}
