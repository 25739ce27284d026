package io.millrace.intake;

import io.millrace.access.Caller;
import com.fasterxml.jackson.annotation.JsonInclude;
import io.millrace.catalog.ActiveCatalog;
import io.millrace.eventlog.Receipt;
import io.millrace.web.FieldError;
import jakarta.servlet.http.HttpServletRequest;
import java.io.IOException;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.JsonNode;

/** {@code POST /api/v1/events}; the event is read back by tracking id in {@code io.millrace.tracking}. */
@RestController
@RequestMapping("/api/v1/events")
class EventsController {

    static final MediaType STRUCTURED = MediaType.parseMediaType("application/cloudevents+json");
    static final MediaType BATCH = MediaType.parseMediaType("application/cloudevents-batch+json");

    /** The answer to an accepted request: one receipt per event, in request order. */
    record Receipts(List<ReceiptView> receipts) {
    }

    /** {@code warnings}, e.g. that the event's type is deprecated, appear only when there are any. */
    record ReceiptView(String source, String id, String trackingId, String status,
                       @JsonInclude(JsonInclude.Include.NON_EMPTY) List<String> warnings) {
        static ReceiptView of(Receipt r, List<String> warnings) {
            return new ReceiptView(r.source(), r.id(), r.trackingId().toString(), r.status().name(), warnings);
        }
    }

    private final EventIntake intake;
    private final EventReader reader;
    private final IntakeLimits limits;
    private final ActiveCatalog catalogs;

    EventsController(EventIntake intake, IntakeLimits limits, ActiveCatalog catalogs) {
        this.intake = intake;
        this.catalogs = catalogs;
        this.reader = new EventReader(limits);
        this.limits = limits;
    }

    @PostMapping
    ResponseEntity<Receipts> publish(Caller caller, HttpServletRequest request) throws IOException {
        MediaType type = contentType(request);
        List<JsonNode> events;
        List<Receipt> receipts;
        if (type != null && type.equalsTypeAndSubtype(BATCH)) {
            events = reader.batch(BoundedBody.read(request, limits.requestBytes()));
            receipts = intake.accept(events, true, caller, List.of());
        } else if (type != null && type.equalsTypeAndSubtype(STRUCTURED)) {
            events = List.of(reader.single(BoundedBody.read(request, limits.requestBytes())));
            receipts = intake.accept(events, false, caller, List.of());
        } else if (BinaryModeEnvelope.isBinaryMode(request)) {
            if (type == null || !type.equalsTypeAndSubtype(MediaType.APPLICATION_JSON)) {
                throw IntakeProblems.unsupportedType("In binary mode the body is the event's data and must be "
                        + "application/json, not " + (type == null ? "missing" : type) + ".");
            }
            JsonNode data = reader.data(BoundedBody.read(request, limits.requestBytes()));
            List<FieldError> headerErrors = new ArrayList<>();
            JsonNode event = BinaryModeEnvelope.build(request, request.getContentType(), data, headerErrors);
            events = List.of(event);
            receipts = intake.accept(events, false, caller, headerErrors);
        } else {
            throw IntakeProblems.unsupportedType("Content type " + (type == null ? "(none)" : "'" + type + "'")
                    + " is not accepted here.");
        }
        Deprecations deprecations = Deprecations.of(catalogs.current(), events);
        List<ReceiptView> views = new ArrayList<>(receipts.size());
        for (int i = 0; i < receipts.size(); i++) {
            views.add(ReceiptView.of(receipts.get(i), deprecations.warningsFor(events.get(i))));
        }
        return deprecations.flag(ResponseEntity.status(HttpStatus.ACCEPTED)).body(new Receipts(views));
    }

    private static MediaType contentType(HttpServletRequest request) {
        String header = request.getContentType();
        if (header == null || header.isBlank()) {
            return null;
        }
        MediaType type;
        try {
            type = MediaType.parseMediaType(header);
        } catch (IllegalArgumentException ex) {
            throw IntakeProblems.unsupportedType("Content type '" + header + "' is malformed.");
        }
        String charset = type.getParameter("charset");
        if (charset != null && !isUtf8(charset)) {
            throw IntakeProblems.unsupportedType("Events are UTF-8; charset '" + charset + "' is not accepted.");
        }
        return type;
    }

    private static boolean isUtf8(String charset) {
        try {
            return Charset.forName(charset.replace("\"", "")).equals(StandardCharsets.UTF_8);
        } catch (IllegalArgumentException ex) {
            return false;
        }
    }
}
