package io.millrace.accounting;

import static io.millrace.accounting.WorkedExample.d;
import static org.assertj.core.api.Assertions.assertThat;

import io.millrace.accounting.event.GoodsReceived;
import io.millrace.accounting.ledger.JournalEntry;
import io.millrace.accounting.posting.AccountingPeriodClose;
import io.millrace.accounting.posting.PeriodCloseReport;
import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import org.junit.jupiter.api.Test;

class AccountingPeriodsTest {

    private final Harness harness = new Harness().startingAt(Instant.parse("2026-10-30T10:00:00Z"));
    private final AccountingPeriodClose periods = new AccountingPeriodClose(harness.books);

    @Test
    void anEventInAClosedPeriodPostsOnTheFirstDayOfTheFirstOpenPeriodMarkedLate() {
        harness.post(new GoodsReceived("GR-1", "4500001", 10, "RM-STEEL", "L-1", d("10"), "kg", "P100-RM"));
        periods.close(YearMonth.of(2026, 10), "controller", Instant.parse("2026-11-03T00:00:00Z"));
        periods.close(YearMonth.of(2026, 11), "controller", Instant.parse("2026-12-03T00:00:00Z"));

        JournalEntry late = harness.post(new GoodsReceived("GR-2", "4500001", 10, "RM-STEEL", "L-2", d("5"), "kg",
                "P100-RM")).entries().get(0);

        assertThat(late.late()).isTrue();
        assertThat(late.postingDate()).isEqualTo(LocalDate.of(2026, 12, 1));
        PeriodCloseReport december = periods.report(YearMonth.of(2026, 12));
        assertThat(december.latePostings()).containsExactly(late);
        assertThat(december.isClosed()).isFalse();
        PeriodCloseReport october = periods.report(YearMonth.of(2026, 10));
        assertThat(october.isClosed()).isTrue();
        assertThat(october.closed().closedBy()).isEqualTo("controller");
        assertThat(october.latePostings()).isEmpty();
        assertThat(october.trialBalance().balance("1400")).isEqualByComparingTo("20.00");
    }

    @Test
    void anEventInAnOpenPeriodPostsOnItsOwnDay() {
        JournalEntry entry = harness.post(new GoodsReceived("GR-1", "4500001", 10, "RM-STEEL", "L-1", d("10"), "kg",
                "P100-RM")).entries().get(0);
        assertThat(entry.late()).isFalse();
        assertThat(entry.postingDate()).isEqualTo(LocalDate.of(2026, 10, 30));
    }
}
