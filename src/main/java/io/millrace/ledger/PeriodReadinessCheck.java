package io.millrace.ledger;

import io.millrace.accounting.posting.PeriodReadiness;
import java.time.YearMonth;

/**
 * Tells whether a month is ready to close: what of it is still pending, parked or an open
 * exception, and which orders to settle. The pipeline's side supplies it; without one every period
 * counts as ready.
 */
@FunctionalInterface
public interface PeriodReadinessCheck {

    PeriodReadiness readiness(YearMonth period);
}
