package io.millrace.intake;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.millrace.accounting.master.MasterData;
import io.millrace.eventlog.NewEvent;
import io.millrace.eventlog.Receipt;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Component;

/**
 * The intake's meters, whatever the channel (HTTP, Kafka, MQTT, file drop):
 * {@code millrace.events.accepted} and {@code millrace.events.duplicates} by plant and type, and
 * {@code millrace.events.refused} by reason ({@code invalid}, {@code out_of_scope},
 * {@code conflict}), counting every event of a refused batch. A plant that is not in the master
 * data is tagged {@code unknown}, so producers cannot create time series at will. A plant edge
 * agent has no master data: there the hub key's scope bounds the plants it accepts, and each is
 * tagged as given.
 */
@Component
class IntakeMetrics {

    private final MeterRegistry registry;
    private final Map<String, Counter> counters = new ConcurrentHashMap<>();

    private final ObjectProvider<MasterData> masterData;

    IntakeMetrics(MeterRegistry registry, ObjectProvider<MasterData> masterData) {
        this.registry = registry;
        this.masterData = masterData;
    }

    /** {@code receipts} answer {@code appended} one for one, in order. */
    void appended(List<NewEvent> appended, List<Receipt> receipts) {
        for (int i = 0; i < receipts.size() && i < appended.size(); i++) {
            NewEvent event = appended.get(i);
            boolean accepted = receipts.get(i).status() == Receipt.Status.ACCEPTED;
            // the plant is the producer's input: only plants of the master data become tags
            String plant = known(event.plant()) ? event.plant() : "unknown";
            counter(accepted ? "millrace.events.accepted" : "millrace.events.duplicates", plant, event.type())
                    .increment();
        }
    }

    private boolean known(String plant) {
        MasterData master = masterData.getIfAvailable();
        return master == null || master.plant(plant).isPresent();
    }

    void refused(String reason, int events) {
        counters.computeIfAbsent("refused|" + reason, k -> Counter.builder("millrace.events.refused")
                .description("Events refused at intake, with their whole batch").tag("reason", reason)
                .register(registry)).increment(events);
    }

    private Counter counter(String name, String plant, String type) {
        return counters.computeIfAbsent(name + "|" + plant + "|" + type, k -> Counter.builder(name)
                .description(name.endsWith("accepted") ? "Events newly accepted into the log"
                        : "Resent events answered as duplicates of an accepted one")
                .tag("plant", plant).tag("type", type).register(registry));
    }
}
