package io.millrace.connectivity;

import io.millrace.access.Caller;
import io.millrace.eventlog.Receipt;
import io.millrace.web.ApiProblem;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code POST /api/v1/ingest/{binding}}: any body in the binding's format, sent with a producer
 * key, mapped and answered like {@code POST /api/v1/events}: 202 with one receipt per event.
 */
@RestController
class IngestController {

    private final LiveBindings live;
    private final BindingIntake intake;
    private final Clock clock;

    IngestController(LiveBindings live, BindingIntake intake, org.springframework.beans.factory.ObjectProvider<Clock> clock) {
        this.live = live;
        this.intake = intake;
        this.clock = clock.getIfAvailable(Clock::systemUTC);
    }

    record ReceiptView(String source, String id, String trackingId, String status) {
    }

    @PostMapping("/api/v1/ingest/{name}")
    ResponseEntity<Map<String, List<ReceiptView>>> ingest(Caller caller, @PathVariable String name,
                                                          @RequestBody(required = false) byte[] body) {
        Binding binding = live.find(name).orElseGet(() -> {
            live.refresh();
            return live.find(name).orElseThrow(() -> ApiProblem.notFound("No binding named '" + name + "'."));
        });
        if (binding.definition().channel() != BindingDefinition.Channel.HTTP) {
            throw ApiProblem.notFound("Binding '" + name + "' takes its messages over "
                    + binding.definition().channel().jsonName() + ", not HTTP.");
        }
        List<Receipt> receipts = intake.accept(binding, new MessageMapper.Received("http", null, null, clock.instant(),
                body == null ? new byte[0] : body), caller);
        return ResponseEntity.status(HttpStatus.ACCEPTED).body(Map.of("receipts", receipts.stream()
                .map(r -> new ReceiptView(r.source(), r.id(), r.trackingId().toString(), r.status().name())).toList()));
    }
}
