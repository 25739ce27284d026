package io.millrace.testing;

import static io.millrace.testing.HubHttp.json;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;
import tools.jackson.databind.JsonNode;

/** A hub process loaded with the demo's master data, and waiting until it has applied a stream of it. */
public final class DemoBooks {

    private DemoBooks() {
    }

    /** Puts the demo master data and issues a producer key for every plant; the key. */
    public static String load(HubHttp http, String adminKey) throws IOException {
        String master;
        try (InputStream in = DemoBooks.class.getResourceAsStream("/demo/master-data.json")) {
            master = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        HttpResponse<String> put = http.send("PUT", "/api/v1/master-data", adminKey, "application/json",
                master.getBytes(StandardCharsets.UTF_8));
        assertThat(put.statusCode()).as(put.body()).isEqualTo(200);
        return http.issueKey(adminKey, "{\"name\":\"plants\",\"sources\":[\"*\"],\"plants\":[\"*\"],"
                + "\"eventTypes\":[\"*\"]}");
    }

    /** Waits up to three minutes for nothing pending or parked, then expects every event posted. */
    public static void awaitAllPosted(HubHttp http, String adminKey, long events) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(3);
        JsonNode backlog = json(http.get("/api/v1/pipeline/backlog", adminKey));
        while (System.nanoTime() < deadline && (backlog.get("pending").asLong() > 0
                || backlog.get("parked").asLong() > 0)) {
            Thread.sleep(200);
            backlog = json(http.get("/api/v1/pipeline/backlog", adminKey));
        }
        assertThat(backlog.get("pending").asLong()).as(backlog.toString()).isZero();
        assertThat(backlog.get("parked").asLong()).as(backlog.toString()).isZero();
        assertThat(backlog.get("exceptions").asLong()).as(backlog.toString()).isZero();
        assertThat(backlog.get("posted").asLong()).as(backlog.toString()).isEqualTo(events);
    }
}
