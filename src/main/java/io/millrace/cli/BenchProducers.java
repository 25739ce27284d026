package io.millrace.cli;

import io.millrace.simulator.HubClient;
import io.millrace.simulator.TrafficSender;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.locks.LockSupport;
import tools.jackson.databind.node.ObjectNode;

/**
 * A pre-generated stream split across concurrent producers so that each plant's events go through
 * one producer, in stream order, one request at a time: the hub sees every business key in the
 * order the plant emitted it. The request bodies are serialized up front, so that sending costs
 * only HTTP. With a rate, each producer paces its share so that all of them end together.
 */
final class BenchProducers {

    /** The requests of one producer, and how many events they carry. */
    private record Share(List<byte[]> bodies, List<Integer> sizes, int events) {
    }

    private final List<Share> shares;
    private final int events;

    private BenchProducers(List<Share> shares, int events) {
        this.shares = shares;
        this.events = events;
    }

    /** Splits {@code stream} by plant over at most {@code producers} producers, in batches of {@code batch}. */
    static BenchProducers split(List<ObjectNode> stream, int producers, int batch) {
        Map<String, Integer> producerOfPlant = new LinkedHashMap<>();
        List<List<ObjectNode>> perProducer = new ArrayList<>();
        for (ObjectNode event : stream) {
            String plant = event.get("plant").asString();
            int p = producerOfPlant.computeIfAbsent(plant, k -> producerOfPlant.size() % producers);
            while (perProducer.size() <= p) {
                perProducer.add(new ArrayList<>());
            }
            perProducer.get(p).add(event);
        }
        List<Share> shares = new ArrayList<>();
        for (List<ObjectNode> events : perProducer) {
            List<byte[]> bodies = new ArrayList<>();
            List<Integer> sizes = new ArrayList<>();
            for (int from = 0; from < events.size(); from += batch) {
                List<ObjectNode> slice = events.subList(from, Math.min(events.size(), from + batch));
                bodies.add(TrafficSender.MAPPER.writeValueAsBytes(slice));
                sizes.add(slice.size());
            }
            shares.add(new Share(bodies, sizes, events.size()));
        }
        return new BenchProducers(shares, stream.size());
    }

    int producers() {
        return shares.size();
    }

    int events() {
        return events;
    }

    /**
     * Sends every request and answers the seconds it took; {@code rate} 0 sends as fast as the hub
     * answers, otherwise the producers together aim at {@code rate} events per second.
     */
    double send(String base, String producerKey, int rate) throws Exception {
        HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(10)).build();
        List<Callable<Void>> work = new ArrayList<>();
        long start = System.nanoTime();
        for (Share share : shares) {
            double shareRate = rate == 0 ? 0 : (double) rate * share.events() / events;
            work.add(() -> {
                sendShare(client, base, producerKey, share, shareRate, start);
                return null;
            });
        }
        ExecutorService pool = Executors.newFixedThreadPool(shares.size());
        try {
            for (Future<Void> done : pool.invokeAll(work)) {
                done.get();
            }
        } finally {
            pool.shutdownNow();
        }
        return (System.nanoTime() - start) / 1e9;
    }

    private static void sendShare(HttpClient client, String base, String key, Share share, double rate, long start)
            throws IOException, InterruptedException {
        long sent = 0;
        for (int i = 0; i < share.bodies().size(); i++) {
            if (rate > 0) {
                long due = start + (long) (sent * 1e9 / rate);
                for (long wait = due - System.nanoTime(); wait > 0; wait = due - System.nanoTime()) {
                    LockSupport.parkNanos(wait);
                }
            }
            post(client, base, key, share.bodies().get(i));
            sent += share.sizes().get(i);
        }
    }

    /** Posts one batch; a hub that is busy (429, 503) gets it again after a pause, anything else but 202 ends the run. */
    private static void post(HttpClient client, String base, String key, byte[] body)
            throws IOException, InterruptedException {
        HttpRequest request = HttpRequest.newBuilder(URI.create(base + "/api/v1/events"))
                .timeout(Duration.ofMinutes(2))
                .header("Authorization", "Bearer " + key)
                .header("Content-Type", HubClient.BATCH_TYPE)
                .POST(HttpRequest.BodyPublishers.ofByteArray(body)).build();
        for (int attempt = 1; ; attempt++) {
            HttpResponse<String> response = client.send(request, HttpResponse.BodyHandlers.ofString());
            int status = response.statusCode();
            if (status == 202) {
                return;
            }
            if ((status != 429 && status != 503) || attempt == 10) {
                String answer = response.body() == null ? "" : response.body();
                throw new IllegalStateException("the hub answered " + status + ": "
                        + answer.substring(0, Math.min(500, answer.length())));
            }
            Thread.sleep(100L * attempt);
        }
    }
}
