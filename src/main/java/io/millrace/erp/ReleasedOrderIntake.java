package io.millrace.erp;

import io.millrace.access.Caller;
import io.millrace.access.Role;
import io.millrace.access.Scope;
import io.millrace.intake.EventIntake;
import io.millrace.web.ApiProblem;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * Production orders the ERP released become {@code mfg.production.order.released} events from
 * source {@code urn:millrace:erp:<erp name>}, through the same intake as a plant's events
 * (catalog, scope, deduplication, lineage). The event id is derived from the ERP record, so
 * reading an order again is a duplicate, never a second release.
 */
final class ReleasedOrderIntake {

    static final String NAME = "released-orders";
    static final String TYPE = "mfg.production.order.released";
    private static final Logger log = LoggerFactory.getLogger(ReleasedOrderIntake.class);
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final Erp erp;
    private final EventIntake intake;
    private final ErpDeliveries state;
    private final Clock clock;
    private final String source;
    private final Caller caller;
    private final java.util.Deque<Release> recent = new java.util.concurrent.ConcurrentLinkedDeque<>();

    /** A released order handed to intake: its event id, and the tracking id and status intake answered. */
    record Release(String orderId, String eventId, String trackingId, String status) {
    }

    ReleasedOrderIntake(Erp erp, EventIntake intake, ErpDeliveries state, Clock clock) {
        this.erp = erp;
        this.intake = intake;
        this.state = state;
        this.clock = clock;
        this.source = "urn:millrace:erp:" + erp.name();
        this.caller = new Caller("erp", "erp:" + erp.name(), Role.PRODUCER,
                new Scope(Set.of(source), Set.of(Scope.ANY), Set.of(TYPE)), null);
    }

    String source() {
        return source;
    }

    /** Reads the orders released since the last run and hands them to intake; answers how many were accepted. */
    int run() {
        Instant since = state.sync(NAME).map(ErpDeliveries.SyncState::latestChange).orElse(null);
        Instant latest = since;
        int accepted = 0;
        int refused = 0;
        for (ReleasedOrder order : erp.releasedProductionOrders(since)) {
            try {
                ObjectNode event = event(order);
                io.millrace.eventlog.Receipt receipt = intake.accept(List.of(event), false, caller, List.of()).get(0);
                remember(new Release(order.orderId(), event.get("id").asString(), String.valueOf(receipt.trackingId()),
                        String.valueOf(receipt.status())));
                accepted++;
            } catch (ApiProblem problem) {
                refused++;
                log.warn("Released ERP order {} was not accepted: {} {}", order.orderId(), problem.getMessage(),
                        problem.errors());
            }
            if (order.revision() != null && (latest == null || order.revision().isAfter(latest))) {
                latest = order.revision();
            }
        }
        state.recordSync(NAME, latest, clock.instant(), accepted + " order(s) passed to intake, " + refused
                + " refused");
        return accepted;
    }

    /** The last releases handed to intake, newest first. */
    List<Release> recent() {
        return List.copyOf(recent);
    }

    private void remember(Release release) {
        recent.addFirst(release);
        while (recent.size() > 20) {
            recent.pollLast();
        }
    }

    ObjectNode event(ReleasedOrder order) {
        ObjectNode e = JSON.createObjectNode();
        e.put("specversion", "1.0");
        e.put("id", "production-" + order.erpId() + "-released");
        e.put("source", source);
        e.put("type", TYPE);
        e.put("time", (order.revision() == null ? clock.instant() : order.revision()).toString());
        e.put("subject", order.orderId());
        e.put("datacontenttype", "application/json");
        e.put("plant", order.plant());
        ObjectNode data = e.putObject("data");
        data.put("orderId", order.orderId());
        data.put("item", order.item());
        data.put("quantity", new java.math.BigDecimal(order.quantity().stripTrailingZeros().toPlainString()));
        data.put("uom", order.uom());
        return e;
    }
}
