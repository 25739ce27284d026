package io.millrace.console;

import static org.assertj.core.api.Assertions.assertThat;

import io.millrace.testing.HubIntegrationTest;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.Test;

class ConsoleIT extends HubIntegrationTest {

    @Test
    void servesTheConsolePageWithoutAKeyButNoDataWithoutOne() {
        HttpResponse<String> page = http.get("/console", null);

        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.headers().firstValue("Content-Type")).hasValueSatisfying(ct -> assertThat(ct).startsWith("text/html"));
        assertThat(page.body()).contains("<title>Millrace console</title>").contains("/api/v1/pipeline/backlog");
        assertThat(http.get("/api/v1/pipeline/backlog", null).statusCode()).isEqualTo(401);
        assertThat(http.send("POST", "/console", null, null, null).statusCode()).isEqualTo(401);
    }
}
