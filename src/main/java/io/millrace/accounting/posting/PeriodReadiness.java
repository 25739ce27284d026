package io.millrace.accounting.posting;

import java.time.YearMonth;
import java.util.ArrayList;
import java.util.List;

/**
 * Whether a month may close: no event dated in it still pending or parked, and no open exception
 * of such an event. The released orders with postings in the month are listed as the orders to
 * settle; they do not block the close (an order may run over month end).
 */
public record PeriodReadiness(YearMonth period, long pending, long parked, long openExceptions,
                              List<String> ordersToSettle) {
    public PeriodReadiness {
        ordersToSettle = List.copyOf(ordersToSettle);
    }

    public boolean ready() {
        return pending == 0 && parked == 0 && openExceptions == 0;
    }

    /** Why the period is not ready, one sentence per cause; empty when it is. */
    public List<String> blockers() {
        List<String> blockers = new ArrayList<>();
        if (pending > 0) {
            blockers.add(pending + " event(s) dated in " + period + " are still pending");
        }
        if (parked > 0) {
            blockers.add(parked + " event(s) dated in " + period + " are parked");
        }
        if (openExceptions > 0) {
            blockers.add(openExceptions + " event(s) dated in " + period + " are open exceptions");
        }
        return blockers;
    }
}
