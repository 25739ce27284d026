package io.millrace.intake.kafka;

import io.millrace.access.Caller;
import io.millrace.intake.EventIntake;
import io.millrace.intake.IntakeLimits;
import io.millrace.eventlog.kafka.KafkaSettings;
import io.millrace.web.ApiProblem;
import io.millrace.web.FieldError;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.JsonNode;

/**
 * Takes the records of one poll of the inbound topic: each is read as a CloudEvent, attributed to
 * its configured producer and passed through the same intake as HTTP (catalog validation, scope,
 * atomic append with deduplication). Refused records go to the rejected topic with their problem.
 * The method returns only when every record is appended or its rejection acknowledged; the listener
 * container commits the offsets after that, so a crash or rebalance replays at most records whose
 * append is a harmless duplicate.
 */
final class KafkaIngress {

    private static final Logger log = LoggerFactory.getLogger(KafkaIngress.class);

    private final EventIntake intake;
    private final KafkaProducers producers;
    private final IntakeLimits limits;
    private final Producer<String, byte[]> producer;
    private final KafkaSettings settings;

    KafkaIngress(EventIntake intake, KafkaProducers producers, IntakeLimits limits, Producer<String, byte[]> producer,
                 KafkaSettings settings) {
        this.intake = intake;
        this.producers = producers;
        this.limits = limits;
        this.producer = producer;
        this.settings = settings;
    }

    /** Result counts of one poll, for logs and tests. */
    record Outcome(int accepted, int rejected) {
    }

    Outcome take(List<ConsumerRecord<String, byte[]>> records) {
        List<Future<RecordMetadata>> rejections = new ArrayList<>();
        List<Readable> run = new ArrayList<>();
        int accepted = 0;
        for (ConsumerRecord<String, byte[]> record : records) {
            Readable read = read(record);
            if (read.problem() != null) {
                accepted += flush(run, rejections);
                rejections.add(reject(record, read.problem()));
                continue;
            }
            if (!run.isEmpty() && run.get(0).caller() != read.caller()) {
                accepted += flush(run, rejections);
            }
            run.add(read);
            if (run.size() >= limits.maxBatchEvents()) {
                accepted += flush(run, rejections);
            }
        }
        accepted += flush(run, rejections);
        await(rejections);
        if (!rejections.isEmpty()) {
            log.info("Kafka ingress: {} record(s) refused and sent to {}", rejections.size(), settings.rejectedTopic());
        }
        return new Outcome(accepted, rejections.size());
    }

    private record Readable(ConsumerRecord<String, byte[]> record, JsonNode event, Caller caller,
                            List<FieldError> headerErrors, ApiProblem problem) {
    }

    private Readable read(ConsumerRecord<String, byte[]> record) {
        try {
            Caller caller = producers.of(record);
            List<FieldError> errors = new ArrayList<>();
            JsonNode event = KafkaRecordEnvelope.read(record, limits.eventBytes(), errors);
            return new Readable(record, event, caller, errors, null);
        } catch (ApiProblem problem) {
            return new Readable(record, null, null, null, problem);
        }
    }

    /**
     * Appends a run of one producer's records as one batch; when the batch is refused, each record
     * on its own, so that one bad record refuses only itself. Returns how many were appended.
     */
    private int flush(List<Readable> run, List<Future<RecordMetadata>> rejections) {
        if (run.isEmpty()) {
            return 0;
        }
        int appended = 0;
        boolean clean = run.stream().allMatch(r -> r.headerErrors().isEmpty());
        if (run.size() > 1 && clean) {
            try {
                intake.accept(run.stream().map(Readable::event).toList(), true, run.get(0).caller(), List.of());
                appended = run.size();
                run.clear();
                return appended;
            } catch (ApiProblem refused) {
                // one of them is refused: take them one by one
            }
        }
        for (Readable r : run) {
            try {
                intake.accept(List.of(r.event()), false, r.caller(), r.headerErrors());
                appended++;
            } catch (ApiProblem problem) {
                rejections.add(reject(r.record(), problem));
            }
        }
        run.clear();
        return appended;
    }

    private Future<RecordMetadata> reject(ConsumerRecord<String, byte[]> record, ApiProblem problem) {
        return producer.send(RejectedRecords.of(settings.rejectedTopic(), record, problem));
    }

    private void await(List<Future<RecordMetadata>> sends) {
        long deadline = System.nanoTime() + settings.sendTimeout().toNanos();
        try {
            for (Future<RecordMetadata> send : sends) {
                send.get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
            }
        } catch (ExecutionException | TimeoutException ex) {
            throw new IllegalStateException("rejected records were not acknowledged by " + settings.rejectedTopic()
                    + "; the poll is retried", ex);
        } catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while sending rejected records", ex);
        }
    }
}
