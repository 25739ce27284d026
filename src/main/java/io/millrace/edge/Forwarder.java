package io.millrace.edge;

import io.millrace.eventlog.EventLog;
import io.millrace.eventlog.LoggedEvent;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Sends the edge agent's accepted events to the hub in acceptance order, one batch at a time,
 * exactly once. The cursor moves only after the hub's 202, so an answer lost on the way means the
 * batch goes again, and the hub, keyed by {@code (source, id)}, answers its events as duplicates.
 * A batch the hub refuses for good is split in halves until the refused events stand alone: those
 * are recorded as rejected (kept, listed, never dropped) and the rest goes on, in order.
 */
final class Forwarder {

    static final String EVENTS = "/api/v1/events";
    static final String BATCH = "application/cloudevents-batch+json";
    /** Answers about the batch's content: sending it again unchanged cannot succeed. */
    private static final Set<Integer> REFUSED_FOR_GOOD = Set.of(400, 403, 409, 413, 422);
    private static final Logger log = LoggerFactory.getLogger(Forwarder.class);
    private static final JsonMapper JSON = JsonMapper.builder().build();

    /**
     * What one call did: events the hub now has, events it refused for good, and, when it stopped
     * early, why ({@code unavailable}) and how long the hub asked to wait.
     */
    record Outcome(int forwarded, int rejected, String unavailable, Duration retryAfter) {

        static final Outcome IDLE = new Outcome(0, 0, null, null);

        boolean idle() {
            return forwarded == 0 && rejected == 0 && unavailable == null;
        }

        boolean hubUnavailable() {
            return unavailable != null;
        }

        Outcome then(Outcome next) {
            return new Outcome(forwarded + next.forwarded, rejected + next.rejected, next.unavailable,
                    next.retryAfter);
        }
    }

    private final EventLog events;
    private final ForwardingStore store;
    private final HubLink hub;
    private final HubContact contact;
    private final int batchSize;
    private final long maxBatchBytes;

    Forwarder(EventLog events, ForwardingStore store, HubLink hub, HubContact contact, int batchSize,
              long maxBatchBytes) {
        this.events = events;
        this.store = store;
        this.hub = hub;
        this.contact = contact;
        this.batchSize = batchSize;
        this.maxBatchBytes = maxBatchBytes;
    }

    /** Sends the next batch after the cursor, if there is one. */
    Outcome forwardNext() {
        long cursor = store.cursor();
        List<LoggedEvent> batch = fitting(events.readAfter(cursor, batchSize));
        return batch.isEmpty() ? Outcome.IDLE : send(cursor, batch);
    }

    private Outcome send(long cursor, List<LoggedEvent> batch) {
        HubLink.Answer answer;
        try {
            answer = hub.post(EVENTS, BATCH, body(batch));
        } catch (IOException ex) {
            String reason = noAnswer(ex);
            contact.failed(reason);
            return new Outcome(0, 0, reason, null);
        }
        if (answer.successful()) {
            contact.answered();
            store.forwarded(cursor, batch, duplicates(answer.body()));
            return new Outcome(batch.size(), 0, null, null);
        }
        if (REFUSED_FOR_GOOD.contains(answer.status())) {
            contact.answered();
            return batch.size() == 1 ? reject(cursor, batch.get(0), answer) : split(cursor, batch);
        }
        String reason = "the hub answered " + answer.status() + hint(answer.status()) + ": " + detail(answer.body());
        if (answer.status() >= 500) {
            contact.failed(reason);
        } else {
            contact.answeredWithProblem(reason);
        }
        return new Outcome(0, 0, reason, answer.retryAfter());
    }

    /** Halves, left first, so that acceptance order holds for everything the hub takes. */
    private Outcome split(long cursor, List<LoggedEvent> batch) {
        int half = batch.size() / 2;
        List<LoggedEvent> left = batch.subList(0, half);
        Outcome first = send(cursor, left);
        if (first.hubUnavailable()) {
            return first;
        }
        return first.then(send(left.get(left.size() - 1).position(), batch.subList(half, batch.size())));
    }

    private Outcome reject(long cursor, LoggedEvent event, HubLink.Answer answer) {
        store.rejected(cursor, event, answer.status(), answer.body() == null ? "" : answer.body());
        log.warn("The hub refused event (source '{}', id '{}', position {}) with {}: {}; it is kept in the "
                + "rejected list", event.source(), event.id(), event.position(), answer.status(), detail(answer.body()));
        return new Outcome(0, 1, null, null);
    }

    private List<LoggedEvent> fitting(List<LoggedEvent> read) {
        List<LoggedEvent> out = new ArrayList<>(read.size());
        long bytes = 2;
        for (LoggedEvent e : read) {
            bytes += e.json().length() * 3L + 1; // UTF-8 bound without encoding twice
            if (!out.isEmpty() && bytes > maxBatchBytes) {
                break;
            }
            out.add(e);
        }
        return out;
    }

    private static byte[] body(List<LoggedEvent> batch) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(batch.size() * 512);
        out.write('[');
        for (int i = 0; i < batch.size(); i++) {
            if (i > 0) {
                out.write(',');
            }
            out.writeBytes(batch.get(i).json().getBytes(StandardCharsets.UTF_8));
        }
        out.write(']');
        return out.toByteArray();
    }

    private static int duplicates(String receipts) {
        try {
            int count = 0;
            for (JsonNode receipt : JSON.readTree(receipts).path("receipts")) {
                if ("DUPLICATE".equals(receipt.path("status").asString(""))) {
                    count++;
                }
            }
            return count;
        } catch (JacksonException | IllegalArgumentException ex) {
            return 0; // the 202 is what counts; receipts only feed a statistic
        }
    }

    static String noAnswer(IOException ex) {
        String what = ex instanceof java.net.ConnectException ? "connection refused"
                : ex instanceof java.net.http.HttpTimeoutException ? "timed out"
                : ex.getMessage() == null ? ex.getClass().getSimpleName() : ex.getMessage();
        return "no answer from the hub: " + what;
    }

    private static String hint(int status) {
        return switch (status) {
            case 401 -> " (the hub does not know the key given with --key)";
            case 404, 405 -> " (is --hub the hub's base URL?)";
            case 429 -> " (over the key's rate)";
            default -> "";
        };
    }

    /** The problem's detail, or the start of whatever else the hub sent. */
    static String detail(String body) {
        if (body == null || body.isBlank()) {
            return "(no body)";
        }
        try {
            JsonNode detail = JSON.readTree(body).path("detail");
            if (detail.isString()) {
                return detail.asString();
            }
        } catch (JacksonException ex) {
            // not JSON
        }
        return body.length() > 200 ? body.substring(0, 200) + "…" : body;
    }
}
