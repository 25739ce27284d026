package io.millrace.erp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * What every adapter of the ERP port does. The ERP must have Millrace's default accounts (1200 and
 * 2000 needing a party) and the parties C-BETA and S-ACME; each test uses references of its own
 * and compares balances before and after, so the tests share one ERP database.
 */
public abstract class ErpContract {

    protected abstract Erp erp();

    protected abstract void closePeriod(YearMonth period);

    protected abstract void reopenPeriod(YearMonth period);

    private static final LocalDate DAY = LocalDate.of(2026, 11, 5);

    static BigDecimal d(String value) {
        return new BigDecimal(value);
    }

    static String reference() {
        return "contract-" + UUID.randomUUID();
    }

    static MoveRequest sale(String reference, LocalDate date, String amount, String party) {
        return new MoveRequest(reference, date, "shipment", List.of(
                new MoveRequest.Line("1200", d(amount), BigDecimal.ZERO, party, null),
                new MoveRequest.Line("4000", BigDecimal.ZERO, d(amount), party, null)));
    }

    static MoveRequest issue(String reference, LocalDate date, String amount) {
        return new MoveRequest(reference, date, null, List.of(
                new MoveRequest.Line("1450", d(amount), BigDecimal.ZERO, null, null),
                new MoveRequest.Line("1400", BigDecimal.ZERO, d(amount), null, "steel")));
    }

    @Test
    void createdMovesArePostedAndFoundByTheirReference() {
        String first = reference();
        String second = reference();
        List<ErpMove> created = erp().createAndPost(List.of(issue(first, DAY, "10.00"), sale(second, DAY, "25.50",
                "C-BETA")));
        assertThat(created).extracting(ErpMove::reference).containsExactly(first, second);
        assertThat(created).allMatch(ErpMove::posted).allMatch(m -> m.number() != null);
        assertThat(erp().movesByReference(List.of(first, second, reference())))
                .extracting(ErpMove::reference, ErpMove::id, ErpMove::posted)
                .containsExactlyInAnyOrder(
                        org.assertj.core.groups.Tuple.tuple(first, created.get(0).id(), true),
                        org.assertj.core.groups.Tuple.tuple(second, created.get(1).id(), true));
    }

    @Test
    void balancesAreDebitMinusCreditOfPostedMovesInTheDates() {
        LocalDate day = LocalDate.of(2026, 12, 7);
        Map<String, BigDecimal> before = erp().balances(List.of("1400", "1450", "9999"), day, day);
        erp().createAndPost(List.of(issue(reference(), day, "7.25"), issue(reference(), day.plusDays(1), "100.00")));
        Map<String, BigDecimal> after = erp().balances(List.of("1400", "1450", "9999"), day, day);
        assertThat(after).containsOnlyKeys("1400", "1450");
        assertThat(after.get("1450").subtract(before.get("1450"))).isEqualByComparingTo("7.25");
        assertThat(after.get("1400").subtract(before.get("1400"))).isEqualByComparingTo("-7.25");
    }

    @Test
    void balancesOfMovesAddUpTheLinesOfTheMovesWithTheReferences() {
        String first = reference();
        String second = reference();
        erp().createAndPost(List.of(issue(first, DAY, "3.00"), sale(second, DAY, "4.00", "C-BETA"),
                issue(reference(), DAY, "50.00")));
        Map<String, BigDecimal> balances = erp().balancesOfMoves(List.of(first, second));
        assertThat(balances.get("1450")).isEqualByComparingTo("3.00");
        assertThat(balances.get("1400")).isEqualByComparingTo("-3.00");
        assertThat(balances.get("1200")).isEqualByComparingTo("4.00");
        assertThat(balances.get("4000")).isEqualByComparingTo("-4.00");
    }

    @Test
    void anUnknownAccountIsRefusedAndNothingOfTheCallIsCreated() {
        String good = reference();
        String bad = reference();
        MoveRequest unknown = new MoveRequest(bad, DAY, null, List.of(
                new MoveRequest.Line("1400", d("1.00"), BigDecimal.ZERO, null, null),
                new MoveRequest.Line("8888", BigDecimal.ZERO, d("1.00"), null, null)));
        assertThatThrownBy(() -> erp().createAndPost(List.of(issue(good, DAY, "1.00"), unknown)))
                .isInstanceOf(ErpRefusedException.class).hasMessageContaining("8888");
        assertThat(erp().movesByReference(List.of(good, bad))).isEmpty();
    }

    @Test
    void aReceivableLineNeedsAKnownParty() {
        assertThatThrownBy(() -> erp().createAndPost(List.of(sale(reference(), DAY, "5.00", null))))
                .isInstanceOf(ErpRefusedException.class);
        assertThatThrownBy(() -> erp().createAndPost(List.of(sale(reference(), DAY, "5.00", "NO-SUCH-PARTY"))))
                .isInstanceOf(ErpRefusedException.class).hasMessageContaining("NO-SUCH-PARTY");
        assertThat(erp().createAndPost(List.of(sale(reference(), DAY, "5.00", "C-BETA")))).hasSize(1);
    }

    @Test
    void aClosedPeriodRefusesMovesUntilItIsReopened() {
        YearMonth period = YearMonth.of(2027, 3);
        String reference = reference();
        closePeriod(period);
        try {
            assertThatThrownBy(() -> erp().createAndPost(List.of(issue(reference, period.atDay(10), "2.00"))))
                    .isInstanceOf(ErpRefusedException.class);
        } finally {
            reopenPeriod(period);
        }
        assertThat(erp().createAndPost(List.of(issue(reference, period.atDay(10), "2.00")))).hasSize(1);
        assertThat(erp().movesByReference(List.of(reference))).hasSize(1);
    }

    @Test
    void postingDraftsThatExistAlreadyKeepsTheirIds() {
        String reference = reference();
        ErpMove created = erp().createAndPost(List.of(issue(reference, DAY, "1.50"))).get(0);
        List<ErpMove> again = erp().post(List.of(created));
        assertThat(again).singleElement().satisfies(m -> {
            assertThat(m.id()).isEqualTo(created.id());
            assertThat(m.posted()).isTrue();
        });
    }
}
