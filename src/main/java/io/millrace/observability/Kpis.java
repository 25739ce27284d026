package io.millrace.observability;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;

/**
 * The key figures of the integration for one plant (or all) over {@code [from, to)}. Durations are
 * seconds with millisecond precision; percentiles are nearest-rank (the smallest value with at
 * least that share of the values at or below it); a figure without data is null.
 */
public record Kpis(String plant, Instant from, Instant to, SyncLatency synchronisation, PostingAccuracy accuracy,
                   ExceptionResolution exceptionResolution, InventoryVariance inventoryVariance,
                   CloseCycle closeCycle, Resilience resilience) {

    /** Accepted to posted (events posted in the range that never were exceptions), posted to delivered into the ERP. */
    public record SyncLatency(Percentiles acceptedToPosted, Percentiles postedToErp) {
    }

    public record Percentiles(long count, BigDecimal p50Seconds, BigDecimal p95Seconds) {
    }

    /**
     * {@code postedWithoutException} of the events posted or raised in the range, against those that
     * went to the exception queue; {@code ratio} the share posted without one. The reconciliation
     * is the books' state now: accounts whose GL and sub-ledger differ, and the sum of the differences.
     */
    public record PostingAccuracy(long postedWithoutException, long withException, BigDecimal ratio,
                                  long reconciliationDifferences, BigDecimal reconciliationDifferenceTotal) {
    }

    /** Exceptions decided in the range (retried and posted, approved or discarded), and those open now. */
    public record ExceptionResolution(long resolved, BigDecimal p50Seconds, BigDecimal p95Seconds, long openNow) {
    }

    /**
     * Count adjustments posted in the range to the inventory adjustments account ({@code gains},
     * {@code losses}, {@code absolute} their sum without sign) against the inventory value at the end
     * of the range; {@code ratio} is absolute / inventory value.
     */
    public record InventoryVariance(long adjustments, BigDecimal gains, BigDecimal losses, BigDecimal absolute,
                                    BigDecimal inventoryValue, BigDecimal ratio) {
    }

    /** Periods closed in the range: from the month's end to its close. */
    public record CloseCycle(List<Close> closes, BigDecimal averageSeconds) {
    }

    public record Close(String period, Instant monthEnd, Instant closedAt, BigDecimal seconds) {
    }

    /**
     * Outages of the ERP (its circuit breaker open) and of plant links (events reaching the hub
     * later than the link-outage threshold after they happened), each clipped to the range; the
     * peak of the hub's event backlog and of its ERP backlog, and how long each took to drain.
     */
    public record Resilience(Outages erp, Outages plantLinks, Backlog events, Backlog erpDeliveries) {
    }

    public record Outages(long count, BigDecimal totalSeconds, BigDecimal longestSeconds, List<Outage> outages) {
    }

    public record Outage(String name, Instant from, Instant to) {
    }

    /**
     * {@code peak} and when it was sampled; {@code drainSeconds} from the peak to the first later
     * sample at or below a tenth of it (null when it had not drained by the end of the range).
     */
    public record Backlog(Long peak, Instant peakAt, BigDecimal drainSeconds) {
    }
}
