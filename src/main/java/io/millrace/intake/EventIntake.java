package io.millrace.intake;

import io.millrace.access.Caller;
import io.millrace.catalog.ActiveCatalog;
import io.millrace.catalog.EventCatalog;
import io.millrace.catalog.EventJson;
import io.millrace.catalog.TypeStatus;
import io.millrace.eventlog.AppendResult;
import io.millrace.eventlog.Conflict;
import io.millrace.eventlog.EventLog;
import io.millrace.eventlog.NewEvent;
import io.millrace.eventlog.Receipt;
import io.millrace.web.ApiProblem;
import io.millrace.web.FieldError;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Service;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Accepts parsed events: validates every one against the catalog, checks the caller's scope and
 * appends the batch to the event log as a whole. Any error refuses the whole batch, listing every
 * error of every event with its index.
 */
@Service
public class EventIntake {

    /** The hub's own sources, e.g. the reversals operators request; never a producer's. */
    static final String HUB_SOURCES = "urn:millrace:hub";

    private final ActiveCatalog catalogs;
    private final EventLog log;
    private final IntakeMetrics metrics;
    private final EventOrigins origins;
    private final JsonMapper json = EventJson.mapper();

    EventIntake(ActiveCatalog catalogs, EventLog log, IntakeMetrics metrics, EventOrigins origins) {
        this.catalogs = catalogs;
        this.log = log;
        this.metrics = metrics;
        this.origins = origins;
    }

    /**
     * Accepts events that a binding made from a plant's own message, exactly as {@link #accept}
     * does, and records where each came from as its lineage. {@code origins} is parallel to
     * {@code events}. The origins are written after the append: a crash in between leaves an event
     * without one until its message is delivered again, which every channel does for a message it
     * has not acknowledged.
     */
    public List<Receipt> accept(List<JsonNode> events, boolean batch, Caller caller, List<FieldError> earlierErrors,
                                List<EventOrigin> originsOfEvents) {
        if (originsOfEvents.size() != events.size()) {
            throw new IllegalArgumentException("one origin per event: " + originsOfEvents.size() + " origins for "
                    + events.size() + " events");
        }
        try (IntakeLogContext context = IntakeLogContext.of(events)) {
            List<Receipt> receipts = append(events, batch, caller, earlierErrors);
            context.accepted(receipts);
            origins.record(receipts, originsOfEvents);
            return receipts;
        }
    }

    /**
     * {@code batch} false: one event, error indexes are null. While it is accepted, a single
     * event's correlation id and then tracking id are in the log context.
     */
    public List<Receipt> accept(List<JsonNode> events, boolean batch, Caller caller, List<FieldError> earlierErrors) {
        try (IntakeLogContext context = IntakeLogContext.of(events)) {
            List<Receipt> receipts = append(events, batch, caller, earlierErrors);
            context.accepted(receipts);
            return receipts;
        }
    }

    private List<Receipt> append(List<JsonNode> events, boolean batch, Caller caller, List<FieldError> earlierErrors) {
        if (batch && events.isEmpty()) {
            throw ApiProblem.invalid("A batch must hold at least one event; nothing was accepted.",
                    List.of(FieldError.at("", "the batch is empty")));
        }
        EventCatalog catalog = catalogs.current();
        List<FieldError> errors = new ArrayList<>(earlierErrors);
        List<Instant> times = new ArrayList<>(events.size());
        for (int i = 0; i < events.size(); i++) {
            JsonNode event = events.get(i);
            List<FieldError> found = event != null && event.isObject() ? catalog.validate(event)
                    : List.of(FieldError.at("", "an event must be a JSON object"));
            Instant time = found.isEmpty() ? eventTime(event, found = new ArrayList<>()) : null;
            times.add(time);
            for (FieldError error : found) {
                errors.add(batch ? error.inBatch(i) : error);
            }
        }
        if (!errors.isEmpty()) {
            metrics.refused("invalid", events.size());
            throw IntakeProblems.invalid(events.size(), errors);
        }
        List<FieldError> outOfScope = scopeErrors(events, batch, caller);
        if (!outOfScope.isEmpty()) {
            metrics.refused("out_of_scope", events.size());
            throw IntakeProblems.outOfScope(caller.keyId(), outOfScope);
        }
        List<NewEvent> toAppend = new ArrayList<>(events.size());
        for (int i = 0; i < events.size(); i++) {
            toAppend.add(newEvent(catalog, events.get(i), times.get(i), caller));
        }
        AppendResult result = log.append(toAppend);
        if (result instanceof AppendResult.Conflicting conflicting) {
            metrics.refused("conflict", events.size());
            throw conflict(conflicting.conflicts(), batch);
        }
        List<Receipt> receipts = ((AppendResult.Appended) result).receipts();
        metrics.appended(toAppend, receipts);
        return receipts;
    }

    /** Java's parser wants upper-case T and Z; RFC 3339 allows lower case too. */
    private static Instant eventTime(JsonNode event, List<FieldError> errors) {
        String time = event.path("time").asString("");
        try {
            return OffsetDateTime.parse(time.toUpperCase(Locale.ROOT)).toInstant();
        } catch (DateTimeParseException ex) {
            errors.add(FieldError.at("/time", "'" + time + "' is not an RFC 3339 timestamp with a zone"));
            return null;
        }
    }

    private List<FieldError> scopeErrors(List<JsonNode> events, boolean batch, Caller caller) {
        List<FieldError> errors = new ArrayList<>();
        for (int i = 0; i < events.size(); i++) {
            JsonNode e = events.get(i);
            Integer index = batch ? i : null;
            String source = e.get("source").asString();
            String plant = e.get("plant").asString();
            String type = e.get("type").asString();
            if (caller.role() == io.millrace.access.Role.PRODUCER && source.startsWith(HUB_SOURCES)) {
                errors.add(new FieldError(index, "/source", "sources under '" + HUB_SOURCES
                        + "' are the hub's own and not for producers"));
            } else if (!caller.scope().allowsSource(source)) {
                errors.add(new FieldError(index, "/source", "source '" + source + "' is not allowed for this key"));
            }
            if (!caller.scope().allowsPlant(plant)) {
                errors.add(new FieldError(index, "/plant", "plant '" + plant + "' is not allowed for this key"));
            }
            JsonNode toPlant = e.path("data").path("toPlant");
            if (toPlant.isString() && !toPlant.asString().isBlank() && !caller.scope().allowsPlant(toPlant.asString())) {
                // a transfer books stock into the receiving plant, so that plant must be the key's too
                errors.add(new FieldError(index, "/data/toPlant", "plant '" + toPlant.asString()
                        + "' is not allowed for this key"));
            }
            if (!caller.scope().allowsType(type)) {
                errors.add(new FieldError(index, "/type", "event type '" + type + "' is not allowed for this key"));
            } else if (catalogs.current().governance(type).status() instanceof TypeStatus.Draft
                    && !caller.scope().eventTypes().contains(type)) {
                errors.add(new FieldError(index, "/type", "event type '" + type + "' is a draft: only keys whose "
                        + "scope names it explicitly may publish it"));
            }
        }
        return errors;
    }

    private NewEvent newEvent(EventCatalog catalog, JsonNode e, Instant time, Caller caller) {
        JsonNode subject = e.get("subject");
        JsonNode correlation = e.get("correlationid");
        return NewEvent.of(e.get("source").asString(), e.get("id").asString(), e.get("type").asString(),
                e.get("plant").asString(), subject == null || subject.isNull() ? null : subject.asString(),
                catalog.businessKey(e), correlation == null || correlation.isNull() ? null : correlation.asString(),
                time, caller.keyId(), json.writeValueAsString(e));
    }

    private static ApiProblem conflict(List<Conflict> conflicts, boolean batch) {
        List<FieldError> errors = new ArrayList<>();
        List<Map<String, Object>> described = new ArrayList<>();
        for (Conflict c : conflicts) {
            Integer index = batch ? c.index() : null;
            String against = c.existingTrackingId() != null
                    ? "the event accepted as " + c.existingTrackingId()
                    : "event " + c.earlierIndex() + " of this batch";
            for (String field : c.differingFields()) {
                errors.add(new FieldError(index, field, "differs from " + against + " with the same source and id"));
            }
            Map<String, Object> one = new LinkedHashMap<>();
            one.put("index", index);
            one.put("source", c.source());
            one.put("id", c.id());
            if (c.existingTrackingId() != null) {
                one.put("trackingId", c.existingTrackingId().toString());
            } else {
                one.put("earlierIndex", c.earlierIndex());
            }
            one.put("differingFields", c.differingFields());
            described.add(one);
        }
        Conflict first = conflicts.get(0);
        String detail = "Event (source '" + first.source() + "', id '" + first.id() + "') reuses an id for different "
                + "content (" + String.join(", ", first.differingFields()) + ")"
                + (conflicts.size() > 1 ? ", and " + (conflicts.size() - 1) + " more event(s) do too" : "")
                + "; nothing was accepted. Send new content under a new id.";
        return new ApiProblem(HttpStatus.CONFLICT, "conflict", "Conflict", detail, errors,
                Map.of("conflicts", described));
    }
}
