package io.millrace.simulator;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * Wraps payloads in structured CloudEvents envelopes. Each producing system of a plant is its own
 * source ({@code urn:millrace:plant:P100:mes}); ids count up per source and carry the run's seed,
 * so two runs with the same seed send the same ids (duplicates the hub ignores) and runs with
 * different seeds never reuse one.
 */
final class EventFactory {

    enum Producer { ERP, MES, WMS, QMS, TMS;

        String code() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private final Clock clock;
    private final String run;
    private final Map<String, Long> counters = new HashMap<>();

    EventFactory(Clock clock, long seed) {
        this.clock = clock;
        this.run = Long.toUnsignedString(seed);
    }

    String run() {
        return run;
    }

    ObjectNode data() {
        return NODES.objectNode();
    }

    ObjectNode envelope(String plant, Producer producer, String type, String subject, String correlation,
                        ObjectNode data) {
        String source = "urn:millrace:plant:" + plant + ":" + producer.code();
        long n = counters.merge(source, 1L, Long::sum);
        ObjectNode event = NODES.objectNode();
        event.put("specversion", "1.0");
        event.put("id", String.format(Locale.ROOT, "%s-%s-%s-%07d", producer.code(), plant, run, n));
        event.put("source", source);
        event.put("type", type);
        event.put("time", clock.instant().truncatedTo(ChronoUnit.MILLIS).toString());
        event.put("subject", subject);
        event.put("datacontenttype", "application/json");
        event.put("plant", plant);
        event.put("correlationid", correlation);
        event.set("data", data);
        return event;
    }

    static void quantity(ObjectNode node, String field, BigDecimal value) {
        node.put(field, Quantities.json(value));
    }
}
