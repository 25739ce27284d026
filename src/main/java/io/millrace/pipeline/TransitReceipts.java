package io.millrace.pipeline;

import io.millrace.accounting.event.TransferReceived;
import io.millrace.catalog.EventJson;
import io.millrace.eventlog.AppendResult;
import io.millrace.eventlog.EventLog;
import io.millrace.eventlog.LoggedEvent;
import io.millrace.eventlog.NewEvent;
import io.millrace.eventlog.Receipt;
import java.math.BigDecimal;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.stream.Collectors;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.jdbc.core.JdbcTemplate;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * Publishes the receipt of every transfer between plants that the sending plant shipped into
 * transit: a {@code mfg.inventory.transfer.received} of the hub's own source, for the receiving
 * plant, appended to the log so that it is applied in that plant's order (ADR 0019). The receipt is
 * built from the shipment alone (its id, time and content follow from the transfer), so appending it
 * again, after a crash or from a second instance, is a duplicate the log recognises: every transfer
 * is received exactly once.
 */
public final class TransitReceipts implements SmartLifecycle {

    private static final String PENDING = "SELECT transfer_tracking_id, transfer_id, from_plant, to_plant, item, lot, "
            + "quantity, to_location FROM ledger_transfer_in_transit WHERE receipt_tracking_id IS NULL "
            + "ORDER BY shipped_at, transfer_tracking_id";

    private record Shipped(String transferTrackingId, String transferId, String fromPlant, String toPlant,
                           String item, String lot, BigDecimal quantity, String toLocation) {
    }

    private static final Logger LOG = LoggerFactory.getLogger(TransitReceipts.class);

    private final JdbcTemplate jdbc;
    private final EventLog log;
    private final PipelineSettings settings;
    private final int batchSize;
    private final JsonMapper json = EventJson.mapper();
    private final Semaphore wakeUp = new Semaphore(0);
    private volatile boolean running;
    private Thread thread;

    public TransitReceipts(DataSource dataSource, EventLog log, PipelineSettings settings) {
        this.jdbc = new JdbcTemplate(dataSource);
        this.log = log;
        this.settings = settings;
        this.batchSize = settings.batchSize();
        jdbc.setMaxRows(batchSize);
    }

    /** Appends the receipts of the shipments that have none yet; answers how many were new to the log. */
    public int publishPending() {
        List<Shipped> shipped = jdbc.query(PENDING, (rs, n) -> new Shipped(rs.getString(1), rs.getString(2),
                rs.getString(3), rs.getString(4), rs.getString(5), rs.getString(6),
                plain(rs.getBigDecimal(7)), rs.getString(8)));
        if (shipped.isEmpty()) {
            return 0;
        }
        Map<UUID, LoggedEvent> transfers = log.findAll(shipped.stream()
                        .map(s -> UUID.fromString(s.transferTrackingId())).toList()).stream()
                .collect(Collectors.toMap(LoggedEvent::trackingId, Function.identity()));
        List<Shipped> publishing = new ArrayList<>();
        List<NewEvent> receipts = new ArrayList<>();
        for (Shipped s : shipped) {
            LoggedEvent transfer = transfers.get(UUID.fromString(s.transferTrackingId()));
            if (transfer == null) {
                LOG.warn("Transfer {} is in transit but its event {} is not in the log", s.transferId(),
                        s.transferTrackingId());
                continue;
            }
            publishing.add(s);
            receipts.add(receipt(s, transfer));
        }
        if (receipts.isEmpty()) {
            return 0;
        }
        if (!(log.append(receipts) instanceof AppendResult.Appended appended)) {
            throw new IllegalStateException("the log refused the receipts of transfers in transit as a conflict: "
                    + receipts.stream().map(NewEvent::id).toList());
        }
        List<Object[]> noted = new ArrayList<>(publishing.size());
        int accepted = 0;
        for (int i = 0; i < publishing.size(); i++) {
            Receipt receipt = appended.receipts().get(i);
            accepted += receipt.status() == Receipt.Status.ACCEPTED ? 1 : 0;
            noted.add(new Object[] {receipt.trackingId().toString(), publishing.get(i).transferTrackingId()});
        }
        jdbc.batchUpdate("UPDATE ledger_transfer_in_transit SET receipt_tracking_id = ? WHERE transfer_tracking_id = ?",
                noted);
        return accepted;
    }

    /** The receipt, the same every time it is built for the same shipment. */
    private NewEvent receipt(Shipped s, LoggedEvent transfer) {
        JsonNode shipment = json.readTree(transfer.json());
        String uom = shipment.path("data").path("uom").asString();
        ObjectNode event = json.createObjectNode();
        event.put("specversion", "1.0");
        event.put("id", TransferReceived.eventId(s.transferTrackingId()));
        event.put("source", TransferReceived.HUB_SOURCE);
        event.put("type", TransferReceived.TYPE);
        event.put("time", DateTimeFormatter.ISO_INSTANT.format(transfer.eventTime()));
        event.put("plant", s.toPlant());
        event.put("subject", s.transferId());
        if (transfer.correlationId() != null) {
            event.put("correlationid", transfer.correlationId());
        }
        if (shipment.hasNonNull("traceparent")) {
            event.put("traceparent", shipment.get("traceparent").asString());
        }
        ObjectNode data = event.putObject("data");
        data.put("transferTrackingId", s.transferTrackingId());
        data.put("transferId", s.transferId());
        data.put("item", s.item());
        data.put("lot", s.lot());
        data.put("quantity", s.quantity());
        data.put("uom", uom);
        data.put("fromPlant", s.fromPlant());
        data.put("toLocation", s.toLocation());
        return NewEvent.of(TransferReceived.HUB_SOURCE, TransferReceived.eventId(s.transferTrackingId()),
                TransferReceived.TYPE, s.toPlant(), s.transferId(), TransferReceived.key(s.transferTrackingId()),
                transfer.correlationId(), transfer.eventTime(), transfer.producerKeyId(),
                json.writeValueAsString(event));
    }

    private static BigDecimal plain(BigDecimal quantity) {
        BigDecimal stripped = quantity.stripTrailingZeros();
        return stripped.scale() < 0 ? stripped.setScale(0) : stripped;
    }

    /** Makes the thread look at once, as after a commit that may have shipped a transfer. */
    public void wake() {
        if (wakeUp.availablePermits() == 0) {
            wakeUp.release();
        }
    }

    /**
     * Publishes on a thread of its own while the pipeline runs: when woken, every poll interval, or
     * at once while there is more.
     */
    @Override
    public synchronized void start() {
        if (!settings.enabled() || thread != null) {
            return;
        }
        running = true;
        thread = new Thread(this::loop, "millrace-transit-receipts");
        thread.setDaemon(true);
        thread.start();
    }

    private void loop() {
        int failures = 0;
        while (running) {
            long pause = settings.pollInterval().toMillis();
            try {
                if (publishPending() == batchSize) {
                    pause = 0;
                }
                failures = 0;
            } catch (RuntimeException ex) {
                // one failure is often the hub shutting down under the thread; a second one is worth a word
                if (++failures > 1 && running) {
                    LOG.warn("Receipts of transfers in transit could not be published ({} attempts), trying again: {}",
                            failures, ex.toString());
                }
                pause = Math.max(pause, 1_000);
            }
            try {
                if (pause > 0 && wakeUp.tryAcquire(pause, TimeUnit.MILLISECONDS)) {
                    wakeUp.drainPermits();
                }
            } catch (InterruptedException ex) {
                return;
            }
        }
    }

    @Override
    public synchronized void stop() {
        running = false;
        if (thread != null) {
            thread.interrupt();
            try {
                thread.join(10_000);
            } catch (InterruptedException ex) {
                Thread.currentThread().interrupt();
            }
            thread = null;
        }
    }

    @Override
    public boolean isRunning() {
        return running;
    }
}
