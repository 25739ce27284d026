package io.millrace.console;

import static org.assertj.core.api.Assertions.assertThat;

import io.millrace.testing.HubIntegrationTest;
import java.io.IOException;
import java.net.CookieManager;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The console's session over plain HTTP: sign-in with a key, the cookie, CSRF on every form, roles, sign-out. */
class ConsoleIT extends HubIntegrationTest {

    private static final Pattern CSRF = Pattern.compile("name=\"_csrf\" value=\"([^\"]+)\"");

    private HttpClient browser;

    @BeforeEach
    void freshCookies() {
        browser = HttpClient.newBuilder().cookieHandler(new CookieManager()).build();
    }

    @Test
    void withoutASessionEveryPageLeadsToTheSignInPageAndNoDataIsShown() throws Exception {
        HttpResponse<String> overview = get("/console");

        assertThat(overview.statusCode()).isEqualTo(302);
        assertThat(overview.headers().firstValue("Location")).hasValueSatisfying(l -> assertThat(l).endsWith("/console/sign-in"));
        assertThat(get("/console/exceptions").statusCode()).isEqualTo(302);
        HttpResponse<String> signIn = get("/console/sign-in");
        assertThat(signIn.statusCode()).isEqualTo(200);
        assertThat(signIn.headers().firstValue("Content-Type")).hasValueSatisfying(ct -> assertThat(ct).startsWith("text/html"));
        assertThat(signIn.headers().firstValue("Content-Security-Policy")).hasValueSatisfying(p -> assertThat(p)
                .contains("script-src 'self'").doesNotContain("unsafe-inline"));
        assertThat(signIn.body()).contains("<title>Sign in · Millrace</title>").doesNotContain("<script>");
        assertThat(http.get("/api/v1/pipeline/backlog", null).statusCode()).isEqualTo(401);
    }

    @Test
    void aValidKeyGetsAFreshHttpOnlyStrictSessionAndAWrongOneGetsNone() throws Exception {
        String before = get("/console/sign-in").headers().firstValue("Set-Cookie").orElseThrow();

        HttpResponse<String> wrong = post("/console/sign-in", "key=not-a-key&_csrf=" + token());
        assertThat(wrong.statusCode()).isEqualTo(401);
        assertThat(wrong.body()).contains("The API key is not valid.");
        HttpResponse<String> producer = post("/console/sign-in", "key=" + producerKey() + "&_csrf=" + token());
        assertThat(producer.statusCode()).isEqualTo(401);
        assertThat(producer.body()).contains("producer key publishes events only");
        assertThat(get("/console").statusCode()).isEqualTo(302);

        HttpResponse<String> signedIn = post("/console/sign-in", "key=" + ADMIN_KEY + "&_csrf=" + token());
        assertThat(signedIn.statusCode()).isEqualTo(302);
        String cookie = signedIn.headers().firstValue("Set-Cookie").orElseThrow();
        assertThat(cookie).contains("HttpOnly").contains("SameSite=Strict").startsWith("MILLRACE_CONSOLE=")
                .isNotEqualTo(before);
        HttpResponse<String> overview = get("/console");
        assertThat(overview.statusCode()).isEqualTo(200);
        assertThat(overview.headers().firstValue("Cache-Control")).hasValue("no-store");
        assertThat(overview.body()).contains("Overview").contains("/console/webjars/htmx.org/");
    }

    @Test
    void aFormWithoutTheSessionsTokenChangesNothing() throws Exception {
        signIn(ADMIN_KEY);
        long audited = auditRecords();

        assertThat(post("/console/exceptions/bulk", "action=discard&ids=" + java.util.UUID.randomUUID()).statusCode())
                .isEqualTo(403);
        assertThat(post("/console/sign-in", "key=" + ADMIN_KEY + "&_csrf=forged").statusCode()).isEqualTo(403);
        assertThat(post("/console/sign-out", "").statusCode()).isEqualTo(403);
        assertThat(auditRecords()).isEqualTo(audited);
        assertThat(get("/console").statusCode()).as("still signed in").isEqualTo(200);
    }

    @Test
    void theInventoryPageShowsTheStockOnItsWayBetweenPlants() throws Exception {
        String auditor = http.issueKey(ADMIN_KEY, "{\"name\":\"console-inventory\",\"role\":\"auditor\"}");
        signIn(auditor);

        HttpResponse<String> page = get("/console/inventory?plant=P-NONE");

        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.body()).contains("In transit between plants").contains("Nothing is on its way between plants.");
    }

    @Test
    void anAuditorReadsButMayNotDecideNorSeeKeysAndSignOutEndsTheSession() throws Exception {
        String auditor = http.issueKey(ADMIN_KEY, "{\"name\":\"console-auditor\",\"role\":\"auditor\"}");
        signIn(auditor);

        assertThat(get("/console/exceptions").statusCode()).isEqualTo(200);
        assertThat(get("/console/exceptions").body()).doesNotContain("bulk-retry");
        HttpResponse<String> retry = post("/console/exceptions/bulk", "action=retry&_csrf=" + token());
        assertThat(retry.statusCode()).isEqualTo(403);
        assertThat(retry.body()).contains("may not act on exceptions");
        assertThat(get("/console/keys").statusCode()).isEqualTo(403);
        assertThat(get("/console/audit").statusCode()).isEqualTo(403);

        assertThat(post("/console/sign-out", "_csrf=" + token()).statusCode()).isEqualTo(302);
        assertThat(get("/console/exceptions").statusCode()).isEqualTo(302);
    }

    @Test
    void revokingTheKeyEndsItsConsoleSessionAtOnce() throws Exception {
        var issued = io.millrace.testing.HubHttp.json(http.post("/api/v1/sources", ADMIN_KEY, "application/json",
                "{\"name\":\"console-operator\",\"role\":\"operator\"}"));
        signIn(issued.get("apiKey").asString());
        assertThat(get("/console").statusCode()).isEqualTo(200);

        assertThat(http.post("/api/v1/sources/" + issued.get("keyId").asString() + "/revoke", ADMIN_KEY, null, null)
                .statusCode()).isEqualTo(200);

        assertThat(get("/console").statusCode()).isEqualTo(302);
    }

    @Test
    void anOperatorClosesAPeriodFromTheConsoleThroughTheAuditedService() throws Exception {
        String operator = http.issueKey(ADMIN_KEY, "{\"name\":\"console-closer\",\"role\":\"operator\"}");
        signIn(operator);
        String page = get("/console/close?period=2019-03").body();
        assertThat(page).contains("Readiness of <span>2019-03</span>").contains("ready to close");

        HttpResponse<String> closed = post("/console/close", "period=2019-03&_csrf=" + token());

        assertThat(closed.statusCode()).isEqualTo(302);
        assertThat(get("/console/close?period=2019-03").body()).contains("Closed by <b>key:");
        var audit = io.millrace.testing.HubHttp.json(http.get("/api/v1/audit?action=period.closed&subject=period:2019-03",
                ADMIN_KEY)).get("records");
        assertThat(audit).hasSize(1);
        assertThat(audit.get(0).get("actor").asString()).startsWith("key:");
    }

    @Test
    void anAuditorReadsTheKeyFiguresAndABadFilterGetsItsReasonNotAnError() throws Exception {
        String auditor = http.issueKey(ADMIN_KEY, "{\"name\":\"console-kpi-reader\",\"role\":\"auditor\"}");
        signIn(auditor);

        HttpResponse<String> page = get("/console/kpis?plant=&from=2026-11-01T00:00:00Z&to=2026-11-02T00:00");
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.body()).contains("Key figures and service levels")
                .contains("all plants · 2026-11-01 00:00:00 UTC to 2026-11-02 00:00:00 UTC")
                .contains("Synchronisation latency").contains("Posting accuracy").contains("Exception resolution time")
                .contains("Inventory variance").contains("Close cycle").contains("Resilience")
                .contains("Service levels now");

        HttpResponse<String> badTime = get("/console/kpis?from=yesterday");
        assertThat(badTime.statusCode()).isEqualTo(400);
        assertThat(badTime.body()).contains("from must be a time such as 2026-11-01T00:00:00Z, not &#39;yesterday&#39;.");
        HttpResponse<String> backwards = get("/console/kpis?from=2026-11-02T00:00:00Z&to=2026-11-01T00:00:00Z");
        assertThat(backwards.statusCode()).isEqualTo(400);
        assertThat(backwards.body()).contains("must be before to");
        HttpResponse<String> badPlant = get("/console/kpis?plant=" + URLEncoder.encode("<x>", StandardCharsets.UTF_8));
        assertThat(badPlant.statusCode()).isEqualTo(400);
        assertThat(badPlant.body()).contains("plant must be 1-64 characters").doesNotContain("<x>");
    }

    private void signIn(String key) throws Exception {
        HttpResponse<String> r = post("/console/sign-in", "key=" + URLEncoder.encode(key, StandardCharsets.UTF_8)
                + "&_csrf=" + token());
        assertThat(r.statusCode()).as(r.body()).isEqualTo(302);
    }

    private String token() throws Exception {
        Matcher m = CSRF.matcher(get("/console/sign-in").body());
        assertThat(m.find()).isTrue();
        return m.group(1);
    }

    private long auditRecords() {
        return io.millrace.testing.HubHttp.json(http.get("/api/v1/audit?limit=1000", ADMIN_KEY)).get("records").size();
    }

    private HttpResponse<String> get(String path) throws IOException, InterruptedException {
        return browser.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).GET().build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> post(String path, String form) throws IOException, InterruptedException {
        return browser.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form)).build(), HttpResponse.BodyHandlers.ofString());
    }
}
