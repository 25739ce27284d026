package io.millrace.console;

import static io.millrace.testing.HubHttp.json;
import static org.assertj.core.api.Assertions.assertThat;

import io.millrace.testing.HubIntegrationTest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The console in a real browser (headless Chromium): sign in with a key, open every page, filter
 * the exception queue and retry an exception, find an event by its order and follow it to its
 * journal lines; the browser console must stay free of errors (a script the policy blocks, a
 * resource that fails to load) on every page. Screenshots go to target/console-screenshots/.
 */
class ConsoleBrowserIT extends HubIntegrationTest {

    private static final String TIME = "2026-11-26T08:00:00Z";

    private final String u = UUID.randomUUID().toString().substring(0, 6).toUpperCase(Locale.ROOT);
    private final String plant = "W" + u;
    private final String store = plant + "-RM";
    private final String line = plant + "-LINE";
    private final String po = "PO-" + u;
    private final String order = "MO-" + u;
    private final List<String> errors = new ArrayList<>();
    private String producer;
    private int ids;
    private Browser browser;
    private WebDriverWait wait;

    @BeforeEach
    void startBrowser() throws Exception {
        Browser.require();
        putMasterData(false);
        producer = http.issueKey(ADMIN_KEY, "{\"name\":\"mes-" + u + "\",\"sources\":[\"*\"],\"plants\":[\"" + plant
                + "\"],\"eventTypes\":[\"*\"]}");
        browser = Browser.start();
        wait = new WebDriverWait(browser.driver, Duration.ofSeconds(30));
    }

    @AfterEach
    void stopBrowser() throws Exception {
        if (browser != null) {
            browser.close();
        }
    }

    @Test
    void anOperatorSignsInWorksTheQueueAndFollowsAnOrderToItsJournalLines() throws Exception {
        String consumed = postedConsumptionOfTheOrder();
        String failing = send("mfg.production.material.consumed", "{\"orderId\":\"" + order + "\",\"item\":\"RM-B-" + u
                + "\",\"lot\":\"L-B-" + u + "\",\"quantity\":5,\"uom\":\"kg\",\"location\":\"" + line + "\"}");
        awaitState(failing, "EXCEPTION");
        String exceptionId = openException(failing);
        makeTheFailingConsumptionPostable(exceptionId);

        signIn(ADMIN_KEY);
        // the overview shares one reading for a few seconds and refreshes in place: wait for this plant's events
        wait.ignoring(org.openqa.selenium.StaleElementReferenceException.class)
                .until(d -> d.findElement(By.id("plants")).getText().contains(plant)
                        && d.findElement(By.id("flows")).getText().contains(plant));
        assertThat(text(By.id("plants"))).contains(plant).contains("1 open exception");
        assertThat(text(By.id("flows"))).contains(plant).contains("mfg.production.material.consumed");
        wait.until(d -> !d.findElements(By.cssSelector("#flow-chart canvas")).isEmpty());
        checked("01-overview");

        for (String[] page : new String[][] {{"/console/exceptions", "02-exceptions"}, {"/console/lineage", "03-lineage"},
                {"/console/ledger", "04-ledger"}, {"/console/ledger/journal", "05-journal"},
                {"/console/inventory", "06-inventory"}, {"/console/close?period=2026-11", "07-close"},
                {"/console/catalog", "08-catalog"}, {"/console/bindings", "09-bindings"}, {"/console/keys", "10-keys"},
                {"/console/audit", "11-audit"}, {"/console/kpis", "11a-kpis"}}) {
            open(page[0]);
            assertThat(browser.driver.findElement(By.tagName("h1")).getText()).as(page[0]).isNotBlank();
            assertThat(browser.driver.getPageSource()).as(page[0]).doesNotContain("Not found").doesNotContain("Forbidden");
            checked(page[1]);
        }

        // the key figures of this plant: its postings counted, its flows against their thresholds
        open("/console/kpis");
        browser.driver.findElement(By.id("k-plant")).sendKeys(plant);
        browser.driver.findElement(By.id("k-show")).click();
        wait.until(d -> d.getCurrentUrl().contains("plant=" + plant));
        assertThat(text(By.id("kpi-range"))).contains("plant " + plant);
        assertThat(text(By.id("kpi-sync"))).containsPattern("Accepted → posted [1-9]");
        assertThat(text(By.id("kpi-accuracy"))).endsWith("%");
        assertThat(text(By.id("kpi-accuracy-card"))).containsPattern("Went to the exception queue\\s+1\\s");
        for (String card : List.of("kpi-exceptions", "kpi-inventory", "kpi-close", "kpi-resilience")) {
            assertThat(browser.driver.findElement(By.id(card)).isDisplayed()).as(card).isTrue();
        }
        assertThat(text(By.id("kpi-resilience"))).contains("ERP").contains("Plant links").contains("Events");
        assertThat(browser.driver.findElements(By.cssSelector("#sla-flows tbody tr")))
                .isNotEmpty()
                .allSatisfy(r -> assertThat(r.getAttribute("data-plant")).isEqualTo(plant))
                .anySatisfy(r -> assertThat(r.getText()).contains("mfg.production.material.consumed")
                        .containsPattern("within|breached"));
        checked("11b-kpis-plant");
        ((org.openqa.selenium.JavascriptExecutor) browser.driver).executeScript(
                "document.getElementById('sla-flows').scrollIntoView()");
        checked("11c-kpis-service-levels");

        // the queue, filtered in place by plant and reason, then the exception retried
        open("/console/exceptions");
        browser.driver.findElement(By.id("f-plant")).sendKeys(plant);
        new Select(browser.driver.findElement(By.id("f-reason"))).selectByValue("NEGATIVE_STOCK");
        wait.until(d -> d.getCurrentUrl().contains("reason=NEGATIVE_STOCK") && d.getCurrentUrl().contains(plant));
        wait.until(ExpectedConditions.textToBe(By.id("exception-total"), "1"));
        WebElement row = browser.driver.findElement(By.cssSelector("tr[data-exception='" + exceptionId + "']"));
        assertThat(row.getText()).contains(plant).contains("NEGATIVE_STOCK");
        checked("12-exceptions-filtered");
        row.findElement(By.name("ids")).click();
        browser.driver.findElement(By.id("bulk-retry")).click();
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.cssSelector(".flash"), "Retried 1 exception."));
        assertThat(browser.driver.getCurrentUrl()).contains("reason=NEGATIVE_STOCK");
        assertThat(text(By.id("exception-total"))).isEqualTo("0");
        checked("13-exception-retried");
        awaitState(failing, "POSTED");
        HttpResponse<String> audit = http.get("/api/v1/audit?action=exception.retried&subject=exception:" + exceptionId,
                ADMIN_KEY);
        assertThat(json(audit).get("records")).hasSize(1);

        // the order, found by lineage search and followed to its journal lines
        open("/console/lineage");
        new Select(browser.driver.findElement(By.id("l-kind"))).selectByValue("ORDER");
        browser.driver.findElement(By.id("l-ref")).sendKeys(order);
        browser.driver.findElement(By.id("l-search")).click();
        wait.until(ExpectedConditions.presenceOfElementLocated(By.id("lineage-events")));
        assertThat(text(By.id("lineage-events"))).contains("mfg.production.order.released")
                .contains("mfg.production.material.consumed");
        checked("14-lineage-order");
        browser.driver.findElement(By.cssSelector("a[href$='/console/events/" + consumed + "']")).click();
        wait.until(ExpectedConditions.presenceOfElementLocated(By.id("timeline")));
        assertThat(text(By.id("event-state"))).isEqualTo("POSTED");
        List<String> lines = browser.driver.findElements(By.cssSelector("#timeline tr.journal-line")).stream()
                .map(WebElement::getText).toList();
        assertThat(lines).anySatisfy(l -> assertThat(l).startsWith("1450").contains("10.00"))
                .anySatisfy(l -> assertThat(l).startsWith("1400").contains("10.00"));
        checked("15-event-timeline");
        browser.driver.findElement(By.cssSelector("#timeline tr.journal-line a")).click();
        wait.until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("section.entry")));
        assertThat(browser.driver.findElements(By.cssSelector("a.source-event")).stream()
                .map(a -> a.getAttribute("href"))).anySatisfy(h -> assertThat(h).endsWith("/console/events/" + consumed));
        checked("16-journal-drill-down");

        browser.driver.findElement(By.id("sign-out")).click();
        wait.until(ExpectedConditions.presenceOfElementLocated(By.id("sign-in")));
        open("/console/exceptions");
        assertThat(browser.driver.getCurrentUrl()).endsWith("/console/sign-in");
        checked("17-signed-out");
        assertThat(errors).as("browser console errors").isEmpty();
    }

    @Test
    void anAuditorReadsTheQueueButIsOfferedNoDecisionAndNoKeys() throws Exception {
        String auditor = http.issueKey(ADMIN_KEY, "{\"name\":\"auditor-" + u + "\",\"role\":\"auditor\"}");
        signIn(auditor);
        open("/console/exceptions");
        assertThat(browser.driver.findElements(By.id("bulk-retry"))).isEmpty();
        assertThat(browser.driver.findElements(By.linkText("Keys"))).isEmpty();
        assertThat(errors).as("browser console errors").isEmpty();
        browser.driver.get(base() + "/console/keys");
        assertThat(text(By.tagName("h1"))).contains("403");
    }

    private void signIn(String key) {
        browser.driver.get(base() + "/console");
        wait.until(ExpectedConditions.presenceOfElementLocated(By.id("key")));
        browser.consoleErrors().forEach(errors::add);
        browser.driver.findElement(By.id("key")).sendKeys(key);
        browser.driver.findElement(By.id("sign-in")).click();
        wait.until(ExpectedConditions.presenceOfElementLocated(By.id("sign-out")));
    }

    private void open(String path) {
        browser.driver.get(base() + path);
        wait.until(d -> "complete".equals(((org.openqa.selenium.JavascriptExecutor) d)
                .executeScript("return document.readyState")));
    }

    /** Records the console's errors so far and takes a screenshot. */
    private void checked(String name) throws Exception {
        browser.consoleErrors().forEach(e -> errors.add(name + ": " + e));
        browser.screenshot(name);
    }

    private String text(By by) {
        return browser.driver.findElement(by).getText();
    }

    private String base() {
        return "http://127.0.0.1:" + port;
    }

    /** Steel is received, moved to the line and consumed for the order: the consumption posts WIP 1450 against 1400. */
    private String postedConsumptionOfTheOrder() throws InterruptedException {
        awaitState(send("mfg.procurement.goods.received", "{\"receiptId\":\"GR-A-" + u + "\",\"purchaseOrder\":\"" + po
                + "\",\"poLine\":10,\"item\":\"RM-A-" + u + "\",\"lot\":\"L-A-" + u + "\",\"quantity\":100,"
                + "\"uom\":\"kg\",\"location\":\"" + store + "\"}"), "POSTED");
        awaitState(send("mfg.inventory.stock.transferred", "{\"transferId\":\"TR-A-" + u + "\",\"item\":\"RM-A-" + u
                + "\",\"lot\":\"L-A-" + u + "\",\"quantity\":100,\"uom\":\"kg\",\"fromLocation\":\"" + store
                + "\",\"toLocation\":\"" + line + "\"}"), "POSTED");
        awaitState(send("mfg.production.order.released", "{\"orderId\":\"" + order + "\",\"item\":\"FG-" + u
                + "\",\"quantity\":10,\"uom\":\"ea\"}"), "POSTED");
        String consumed = send("mfg.production.material.consumed", "{\"orderId\":\"" + order + "\",\"item\":\"RM-A-" + u
                + "\",\"lot\":\"L-A-" + u + "\",\"quantity\":5,\"uom\":\"kg\",\"location\":\"" + line + "\"}");
        awaitState(consumed, "POSTED");
        return consumed;
    }

    /** The unknown item becomes known (the hub retries by itself and now lacks stock), then stock arrives. */
    private void makeTheFailingConsumptionPostable(String exceptionId) throws InterruptedException {
        putMasterData(true);
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (!reasonOf(exceptionId).equals("NEGATIVE_STOCK") && System.nanoTime() < deadline) {
            Thread.sleep(50);
        }
        assertThat(reasonOf(exceptionId)).isEqualTo("NEGATIVE_STOCK");
        awaitState(send("mfg.procurement.goods.received", "{\"receiptId\":\"GR-B-" + u + "\",\"purchaseOrder\":\""
                + po + "\",\"poLine\":30,\"item\":\"RM-B-" + u + "\",\"lot\":\"L-B-" + u + "\",\"quantity\":10,"
                + "\"uom\":\"kg\",\"location\":\"" + store + "\"}"), "POSTED");
        awaitState(send("mfg.inventory.stock.transferred", "{\"transferId\":\"TR-B-" + u + "\",\"item\":\"RM-B-" + u
                + "\",\"lot\":\"L-B-" + u + "\",\"quantity\":10,\"uom\":\"kg\",\"fromLocation\":\"" + store
                + "\",\"toLocation\":\"" + line + "\"}"), "POSTED");
    }

    private void putMasterData(boolean withNewItem) {
        String items = "{\"code\":\"RM-A-" + u + "\",\"description\":\"Steel\",\"valuationClass\":\"RAW\",\"baseUom\":"
                + "\"kg\",\"standardCost\":2.00},{\"code\":\"FG-" + u + "\",\"description\":\"Bracket\","
                + "\"valuationClass\":\"FINISHED\",\"baseUom\":\"ea\",\"standardCost\":10.00}"
                + (withNewItem ? ",{\"code\":\"RM-B-" + u + "\",\"description\":\"Bolts\",\"valuationClass\":\"RAW\","
                + "\"baseUom\":\"kg\",\"standardCost\":3.00}" : "");
        String body = "{\"plants\":[{\"code\":\"" + plant + "\",\"name\":\"Browser plant " + u + "\"}],"
                + "\"locations\":[{\"code\":\"" + store + "\",\"plant\":\"" + plant + "\",\"role\":\"STORE\"},"
                + "{\"code\":\"" + line + "\",\"plant\":\"" + plant + "\",\"role\":\"SUPPLY\"},"
                + "{\"code\":\"" + plant + "-FG\",\"plant\":\"" + plant + "\",\"role\":\"FG\"}],"
                + "\"items\":[" + items + "],"
                + "\"boms\":[{\"item\":\"FG-" + u + "\",\"components\":[{\"item\":\"RM-A-" + u + "\",\"quantityPer\":2}]}],"
                + "\"suppliers\":[{\"code\":\"S-" + u + "\",\"name\":\"Supplier " + u + "\"}],"
                + "\"purchaseOrders\":[{\"number\":\"" + po + "\",\"supplier\":\"S-" + u + "\",\"plant\":\"" + plant
                + "\",\"lines\":[{\"line\":10,\"item\":\"RM-A-" + u + "\",\"quantity\":1000,\"unitPrice\":2.00}"
                + (withNewItem ? ",{\"line\":30,\"item\":\"RM-B-" + u + "\",\"quantity\":100,\"unitPrice\":3.00}" : "")
                + "]}]}";
        HttpResponse<String> put = http.send("PUT", "/api/v1/master-data", ADMIN_KEY, "application/json",
                body.getBytes(StandardCharsets.UTF_8));
        assertThat(put.statusCode()).as(put.body()).isEqualTo(200);
    }

    private String send(String type, String data) {
        String event = "{\"specversion\":\"1.0\",\"id\":\"b-" + u + "-" + (++ids) + "\",\"source\":\"urn:millrace:plant:"
                + plant + ":mes\",\"type\":\"" + type + "\",\"time\":\"" + TIME + "\",\"datacontenttype\":"
                + "\"application/json\",\"plant\":\"" + plant + "\",\"data\":" + data + "}";
        HttpResponse<String> r = http.post("/api/v1/events", producer, "application/cloudevents+json", event);
        assertThat(r.statusCode()).as(r.body()).isEqualTo(202);
        return json(r).get("receipts").get(0).get("trackingId").asString();
    }

    private String state(String trackingId) {
        HttpResponse<String> r = http.get("/api/v1/events/" + trackingId, ADMIN_KEY);
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        return json(r).get("state").asString();
    }

    private void awaitState(String trackingId, String wanted) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        String now = state(trackingId);
        while (!now.equals(wanted) && System.nanoTime() < deadline) {
            Thread.sleep(50);
            now = state(trackingId);
        }
        assertThat(now).as("state of " + trackingId).isEqualTo(wanted);
    }

    private String reasonOf(String exceptionId) {
        for (var item : json(http.get("/api/v1/exceptions?status=OPEN&limit=500", ADMIN_KEY)).get("items")) {
            if (item.get("id").asString().equals(exceptionId)) {
                return item.get("reason").asString();
            }
        }
        throw new AssertionError("exception " + exceptionId + " is no longer open");
    }

    private String openException(String trackingId) {
        HttpResponse<String> r = http.get("/api/v1/exceptions?status=OPEN&limit=500", ADMIN_KEY);
        for (var item : json(r).get("items")) {
            if (item.get("trackingId").asString().equals(trackingId)) {
                return item.get("id").asString();
            }
        }
        throw new AssertionError("no open exception for " + trackingId);
    }
}
