package io.millrace.catalog.bench;

import io.millrace.catalog.EventCatalog;
import io.millrace.catalog.EventJson;
import io.millrace.web.FieldError;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import tools.jackson.databind.JsonNode;

/**
 * Events per second that one core validates: the 30 example events of the test resources (one of
 * each type plus the worked example of postings.md) in turn, already parsed ({@code validate})
 * and from their bytes as intake receives them ({@code parseAndValidate}), and an event with
 * five violations ({@code validateInvalid}). One thread, so the score is per core.
 *
 * <p>Run: {@code ./mvnw -q -o test-compile dependency:build-classpath -Dmdep.outputFile=target/cp.txt
 * -Dmdep.includeScope=test} then {@code java -cp target/test-classes:target/classes:$(cat target/cp.txt)
 * io.millrace.catalog.bench.CatalogValidationBenchmark}.
 *
 * <p>Measured on a quiet 2-core machine, one thread: {@code validate} 372,051 events/s
 * (&plusmn;14,980), {@code parseAndValidate} 264,777 (&plusmn;15,004), {@code validateInvalid}
 * 389,690 (&plusmn;19,413); on a shared machine under a load average of 7 to 10 they were about
 * 280,000, 160,000 and 160,000. Intake's target of 20,000
 * events/s on 2 cores thus spends well under a tenth of one core on validation.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
@Threads(1)
public class CatalogValidationBenchmark {

    private EventCatalog catalog;
    private List<JsonNode> events;
    private List<byte[]> bodies;
    private JsonNode invalid;
    private int next;

    @Setup(Level.Trial)
    public void load() {
        catalog = EventCatalog.loadDefault();
        events = new ArrayList<>();
        bodies = new ArrayList<>();
        for (String resource : List.of("/catalog/valid-events.json", "/catalog/worked-example-p100.json")) {
            for (JsonNode event : read(resource)) {
                events.add(event);
                bodies.add(EventJson.mapper().writeValueAsString(event).getBytes(StandardCharsets.UTF_8));
            }
        }
        invalid = EventJson.mapper().readTree("""
                {"specversion":"1.0","id":"x-1","source":"urn:millrace:plant:P100:mes",
                 "type":"mfg.procurement.invoice.received","time":"2026-11-26T08:15:00",
                 "plant":"P100","data":{"invoiceId":"INV 1","supplier":"S-ACME","currency":"eur","qty":1,
                 "lines":[{"purchaseOrder":"4500001","poLine":10,"quantity":0,"unitPrice":2.12345}]}}
                """);
        for (JsonNode event : events) {
            if (!catalog.validate(event).isEmpty()) {
                throw new IllegalStateException("A benchmark event is invalid: " + event);
            }
        }
    }

    private static JsonNode read(String resource) {
        try (InputStream in = CatalogValidationBenchmark.class.getResourceAsStream(resource)) {
            return EventJson.mapper().readTree(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Benchmark
    public List<FieldError> validate() {
        next = next + 1 == events.size() ? 0 : next + 1;
        return catalog.validate(events.get(next));
    }

    @Benchmark
    public List<FieldError> parseAndValidate() {
        next = next + 1 == bodies.size() ? 0 : next + 1;
        return catalog.validate(EventJson.mapper().readTree(bodies.get(next)));
    }

    @Benchmark
    public List<FieldError> validateInvalid() {
        return catalog.validate(invalid);
    }

    public static void main(String[] args) throws RunnerException {
        new Runner(new OptionsBuilder().include(CatalogValidationBenchmark.class.getSimpleName()).build()).run();
    }
}
