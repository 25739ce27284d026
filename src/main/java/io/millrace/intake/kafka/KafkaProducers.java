package io.millrace.intake.kafka;

import io.millrace.access.Caller;
import io.millrace.access.Role;
import io.millrace.access.Scope;
import io.millrace.eventlog.kafka.KafkaSettings;
import io.millrace.web.ApiProblem;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;

/**
 * The producers of the inbound topic ({@code millrace.kafka.producers[n]}), each a caller with a
 * producer's scope, exactly as an API key would be: a record names its producer in the header
 * {@code millrace-producer}, or else by the prefix of its key before {@code ':'}.
 */
final class KafkaProducers {

    static final String HEADER = "millrace-producer";

    private final Map<String, Caller> callers = new HashMap<>();

    KafkaProducers(KafkaSettings settings) {
        for (KafkaSettings.Producer p : settings.producers()) {
            if (p.name() == null || p.name().isBlank()) {
                throw new IllegalArgumentException("every millrace.kafka.producers entry needs a name");
            }
            if (p.sources().isEmpty() || p.plants().isEmpty() || p.eventTypes().isEmpty()) {
                throw new IllegalArgumentException("Kafka producer '" + p.name() + "' needs sources, plants and "
                        + "event-types (use * for any)");
            }
            Scope scope = new Scope(new HashSet<>(p.sources()), new HashSet<>(p.plants()),
                    new HashSet<>(p.eventTypes()));
            callers.put(p.name(), new Caller("kafka:" + p.name(), p.name(), Role.PRODUCER, scope, null));
        }
    }

    /** The producer of the record, or the reason it has none the hub knows. */
    Caller of(ConsumerRecord<String, byte[]> record) {
        String name = nameOf(record);
        if (name == null) {
            throw ApiProblem.unauthorized("The record names no producer: set the header " + HEADER
                    + " or key the record '<producer>:<key>'.");
        }
        Caller caller = callers.get(name);
        if (caller == null) {
            throw ApiProblem.forbidden("Producer '" + name + "' is not configured (millrace.kafka.producers); "
                    + "nothing was accepted.");
        }
        return caller;
    }

    static String nameOf(ConsumerRecord<String, byte[]> record) {
        Header header = record.headers().lastHeader(HEADER);
        if (header != null && header.value() != null && header.value().length > 0) {
            return new String(header.value(), StandardCharsets.UTF_8);
        }
        String key = record.key();
        int colon = key == null ? -1 : key.indexOf(':');
        return colon > 0 ? key.substring(0, colon) : null;
    }
}
