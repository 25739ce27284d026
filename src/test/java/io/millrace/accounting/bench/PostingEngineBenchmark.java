package io.millrace.accounting.bench;

import io.millrace.accounting.books.InMemoryBooks;
import io.millrace.accounting.event.EventContext;
import io.millrace.accounting.event.EventTypes;
import io.millrace.accounting.event.ManufacturingEvent;
import io.millrace.accounting.posting.Outcome;
import io.millrace.accounting.posting.PostingEngine;
import io.millrace.accounting.posting.PostingSettings;
import io.millrace.catalog.EventJson;
import io.millrace.simulator.MasterDataSet;
import io.millrace.simulator.PlantTraffic;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import tools.jackson.databind.node.ObjectNode;

/**
 * Events per second that the posting engine applies on one core: the first {@value #EVENTS}
 * events of the demo plants' simulated traffic (seed 42, both plants, every event type in the
 * simulator's mix), already decoded to the core's records, applied in order to fresh
 * {@link InMemoryBooks} in each invocation. Nothing else is measured: no storage, no JSON, no
 * HTTP; the score is the ceiling of the single applier thread of the pipeline.
 *
 * <p>Run: {@code ./mvnw -q -o test-compile dependency:build-classpath -Dmdep.outputFile=target/cp.txt
 * -Dmdep.includeScope=test} then {@code java -cp target/test-classes:target/classes:$(cat target/cp.txt)
 * io.millrace.accounting.bench.PostingEngineBenchmark}.
 *
 * <p>Measured on a quiet 2-core machine, one thread: 287,372 ± 9,628 events/s, some 3.5
 * microseconds of one core per event (on a shared machine under a load average of 6.6 to 6.9 it
 * was about 62,000). The pipeline's target of 5,000 events/s
 * end to end thus spends under a tenth of its single applier thread in the core; the rest is
 * storage (see {@code millrace bench pipeline}).
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 3)
@Measurement(iterations = 5, time = 3)
@Fork(1)
@Threads(1)
public class PostingEngineBenchmark {

    static final int EVENTS = 20_000;

    private record Event(EventContext context, ManufacturingEvent payload) {
    }

    private MasterDataSet master;
    private List<Event> stream;

    @Setup(Level.Trial)
    public void generate() {
        master = MasterDataSet.fromResource("/demo/master-data.json");
        stream = new ArrayList<>(EVENTS);
        Instant accepted = PlantTraffic.DEFAULT_TIME;
        for (ObjectNode json : PlantTraffic.generate(master, PlantTraffic.runnablePlants(master), 42L, EVENTS)) {
            String type = json.get("type").asString();
            Class<? extends ManufacturingEvent> payloadType = EventTypes.classOf(type).orElseThrow();
            EventContext context = new EventContext(UUID.randomUUID().toString(), json.get("source").asString(),
                    json.get("id").asString(), type, json.get("plant").asString(), json.path("subject").asString(null),
                    json.path("correlationid").asString(null), Instant.parse(json.get("time").asString()), accepted,
                    "key:bench");
            stream.add(new Event(context, EventJson.mapper().treeToValue(json.get("data"), payloadType)));
        }
        applyAll(); // fails unless every event posts
    }

    /** Applies the whole stream to fresh books; fails if any event does not post, so only postings are measured. */
    private InMemoryBooks applyAll() {
        InMemoryBooks books = new InMemoryBooks();
        PostingEngine engine = new PostingEngine(master, books, PostingSettings.defaults());
        for (Event event : stream) {
            Outcome outcome = engine.apply(event.context(), event.payload());
            if (!(outcome instanceof Outcome.Posted)) {
                throw new IllegalStateException(event.context().eventId() + " did not post: " + outcome);
            }
        }
        return books;
    }

    @Benchmark
    @OperationsPerInvocation(EVENTS)
    public InMemoryBooks applyStream() {
        return applyAll();
    }

    public static void main(String[] args) throws RunnerException {
        new Runner(new OptionsBuilder().include(PostingEngineBenchmark.class.getSimpleName()).build()).run();
    }
}
