package io.millrace.edge;

import io.millrace.testing.HubHttp;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * A hub as the forwarder sees it over {@link HubLink}: takes batches whole or refuses them whole,
 * like the real intake (400 for an invalid event, 409 for an id reused with other content, 202 with
 * receipts, duplicates by {@code (source, id)}), and suffers the faults a test queues for its next
 * requests: an answer lost after the batch was taken, a server error, no connection at all.
 */
final class SimulatedHub implements HubLink {

    enum Fault {
        /** The batch is taken, but its answer never arrives. */
        ANSWER_LOST,
        /** 503 and nothing taken. */
        SERVER_ERROR,
        /** No connection: nothing taken. */
        DOWN,
        /** 401: the hub does not know the key. */
        UNKNOWN_KEY
    }

    /** The hub's log: {@code "source id"} in acceptance order, with the content. */
    private final Map<String, String> log = new LinkedHashMap<>();
    private final Deque<Fault> faults = new ArrayDeque<>();
    private final Set<String> invalidIds = ConcurrentHashMap.newKeySet();
    private int requests;

    synchronized void fail(Fault... next) {
        faults.addAll(List.of(next));
    }

    /** Events with this id are refused as invalid, as a hub with another catalog would. */
    void refuseAsInvalid(String id) {
        invalidIds.add(id);
    }

    /** An event the hub already holds (sent to it directly), e.g. to provoke a conflict. */
    synchronized void holds(String source, String id, String json) {
        log.put(source + " " + id, json);
    }

    synchronized List<String> logged() {
        return new ArrayList<>(log.keySet());
    }

    synchronized int requests() {
        return requests;
    }

    @Override
    public synchronized Answer get(String path) throws IOException {
        requests++;
        throw new IOException("not asked in these tests");
    }

    @Override
    public synchronized Answer post(String path, String contentType, byte[] body) throws IOException {
        requests++;
        Fault fault = faults.poll();
        if (fault == Fault.DOWN) {
            throw new java.net.ConnectException("Connection refused");
        }
        if (fault == Fault.SERVER_ERROR) {
            return new Answer(503, problem(503, "the hub is starting"), null);
        }
        if (fault == Fault.UNKNOWN_KEY) {
            return new Answer(401, problem(401, "The API key is not valid."), null);
        }
        if (!"/api/v1/events".equals(path) || !"application/cloudevents-batch+json".equals(contentType)) {
            return new Answer(415, problem(415, "not a batch"), null);
        }
        JsonNode batch = HubHttp.JSON.readTree(new String(body, StandardCharsets.UTF_8));
        for (int i = 0; i < batch.size(); i++) {
            if (invalidIds.contains(batch.get(i).get("id").asString())) {
                return new Answer(400, problem(400, "The batch has 1 error(s); nothing of its " + batch.size()
                        + " events was accepted.", i), null);
            }
            String existing = log.get(key(batch.get(i)));
            if (existing != null && !HubHttp.JSON.readTree(existing).equals(batch.get(i))) {
                return new Answer(409, problem(409, "Event reuses an id for different content", i), null);
            }
        }
        ArrayNode receipts = HubHttp.JSON.createArrayNode();
        for (JsonNode event : batch) {
            boolean duplicate = log.putIfAbsent(key(event), event.toString()) != null;
            receipts.addObject().put("source", event.get("source").asString()).put("id", event.get("id").asString())
                    .put("status", duplicate ? "DUPLICATE" : "ACCEPTED");
        }
        if (fault == Fault.ANSWER_LOST) {
            throw new java.net.http.HttpTimeoutException("request timed out");
        }
        ObjectNode answer = HubHttp.JSON.createObjectNode();
        answer.set("receipts", receipts);
        return new Answer(202, answer.toString(), null);
    }

    private static String key(JsonNode event) {
        return event.get("source").asString() + " " + event.get("id").asString();
    }

    private static String problem(int status, String detail, int... index) {
        ObjectNode p = HubHttp.JSON.createObjectNode().put("type", "urn:millrace:problem:x").put("status", status)
                .put("detail", detail);
        if (index.length > 0) {
            p.putArray("errors").addObject().put("index", index[0]).put("pointer", "/data").put("message", "bad");
        }
        return p.toString();
    }
}
