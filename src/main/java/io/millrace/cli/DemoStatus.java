package io.millrace.cli;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import tools.jackson.databind.JsonNode;

/** The demo's periodic status line: throughput, backlog, exceptions and the trial balance. */
final class DemoStatus {

    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm:ss").withZone(ZoneOffset.UTC);

    private final HubAdminClient hub;
    private final Clock clock;
    private long lastPosted = -1;
    private long lastAtMillis;

    DemoStatus(HubAdminClient hub, Clock clock) {
        this.hub = hub;
        this.clock = clock;
    }

    synchronized String line() {
        try {
            JsonNode backlog = hub.get("/api/v1/pipeline/backlog");
            long posted = backlog.path("posted").asLong();
            long now = clock.millis();
            String rate = lastPosted < 0 ? "-" : String.format(Locale.ROOT, "%.0f",
                    (posted - lastPosted) * 1000.0 / Math.max(1, now - lastAtMillis));
            lastPosted = posted;
            lastAtMillis = now;
            return String.format(Locale.ROOT, "%s  posted %,d (%s/s)  pending %,d  parked %,d  exceptions %,d  %s",
                    TIME.format(clock.instant()), posted, rate,
                    backlog.path("pending").asLong(), backlog.path("parked").asLong(),
                    backlog.path("exceptions").asLong(), trialBalance());
        } catch (RuntimeException ex) {
            return "status unavailable: " + ex.getMessage();
        }
    }

    private String trialBalance() {
        JsonNode tb = hub.get("/api/v1/ledger/trial-balance");
        BigDecimal debit = tb.path("totalDebit").decimalValue();
        BigDecimal credit = tb.path("totalCredit").decimalValue();
        return String.format(Locale.ROOT, "trial balance %,.2f / %,.2f (difference %.2f)", debit, credit,
                debit.subtract(credit));
    }
}
