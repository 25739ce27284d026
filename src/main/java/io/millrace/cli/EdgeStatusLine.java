package io.millrace.cli;

import io.millrace.edge.EdgeReports;
import io.millrace.edge.EdgeStatus;
import java.time.Clock;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

/** The edge agent's periodic status line: what it accepted and forwarded, the backlog and the hub. */
final class EdgeStatusLine {

    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm:ss").withZone(ZoneOffset.UTC);

    private final EdgeReports reports;
    private final Clock clock;
    private long lastForwarded = -1;
    private long lastAtMillis;

    EdgeStatusLine(EdgeReports reports, Clock clock) {
        this.reports = reports;
        this.clock = clock;
    }

    synchronized String line() {
        try {
            EdgeStatus s = reports.status();
            long now = clock.millis();
            String rate = lastForwarded < 0 ? "-" : String.format(Locale.ROOT, "%.0f",
                    (s.forwarded() - lastForwarded) * 1000.0 / Math.max(1, now - lastAtMillis));
            lastForwarded = s.forwarded();
            lastAtMillis = now;
            String oldest = s.oldestUnsent() == null ? "" : " (oldest waiting " + s.oldestUnsent().waitingSeconds()
                    + " s)";
            String hub = s.hub().reachable() ? "hub reachable" : "hub unreachable: " + s.hub().lastError();
            return String.format(Locale.ROOT, "%s  accepted %,d  forwarded %,d (%s/s)  backlog %,d%s  rejected %,d  "
                            + "catalog %s  %s", TIME.format(clock.instant()), s.accepted(), s.forwarded(), rate,
                    s.backlog(), oldest, s.rejected(), s.catalog().origin().toLowerCase(Locale.ROOT).replace('_', '-'),
                    hub);
        } catch (RuntimeException ex) {
            return "status unavailable: " + ex.getMessage();
        }
    }
}
