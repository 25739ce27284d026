package io.millrace.accounting.ledger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.List;
import org.junit.jupiter.api.Test;

class JournalEntryTest {

    private static final Dimensions P100 = Dimensions.plant("P100");
    private static final SourceEvent SOURCE = new SourceEvent("T-1", "urn:test", "E-1", "mfg.test");

    private static JournalEntry entry(List<JournalLine> lines) {
        return new JournalEntry("T-1-1", "P100", LocalDate.of(2026, 11, 2), null, false, SOURCE, "MO-1", "actor",
                "text", lines, null);
    }

    @Test
    void cannotBeConstructedUnbalanced() {
        assertThatThrownBy(() -> entry(List.of(JournalLine.debit("1450", new BigDecimal("10.00"), P100),
                JournalLine.credit("1400", new BigDecimal("9.99"), P100))))
                .isInstanceOf(JournalEntry.UnbalancedEntryException.class).hasMessageContaining("10.00")
                .hasMessageContaining("9.99");
    }

    @Test
    void cannotBeConstructedEmptyOrWithALineOnBothSides() {
        assertThatThrownBy(() -> entry(List.of())).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new JournalLine("1400", BigDecimal.ONE, BigDecimal.ONE, P100))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> JournalLine.debit("1400", new BigDecimal("-1"), P100))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void roundsEveryLineToTwoDecimalsHalfUp() {
        JournalLine line = JournalLine.debit("1400", new BigDecimal("2.345"), P100);
        assertThat(line.debit()).isEqualTo(new BigDecimal("2.35"));
        assertThat(Amounts.quantity(new BigDecimal("0.0000005"))).isEqualTo(new BigDecimal("0.000001"));
    }

    @Test
    void reversalMirrorsEveryLineAndRefersToTheOriginal() {
        JournalEntry original = entry(List.of(JournalLine.debit("1450", new BigDecimal("10.00"), P100),
                JournalLine.credit("1400", new BigDecimal("10.00"), P100)));

        JournalEntry reversal = original.reversal("T-2-1", LocalDate.of(2026, 12, 1), true,
                new SourceEvent("T-2", "urn:test", "E-2", "mfg.test"), "operator");

        assertThat(reversal.reversalOf()).isEqualTo("T-1-1");
        assertThat(reversal.period()).isEqualTo(YearMonth.of(2026, 12));
        assertThat(reversal.lines().get(0).credit()).isEqualByComparingTo("10.00");
        assertThat(reversal.lines().get(1).debit()).isEqualByComparingTo("10.00");
        assertThat(TrialBalance.of(List.of(original, reversal)).balances().values())
                .allSatisfy(b -> assertThat(b).isEqualByComparingTo("0"));
    }

    @Test
    void postingDateMustLieInItsPeriod() {
        assertThatThrownBy(() -> new JournalEntry("X", "P100", LocalDate.of(2026, 11, 2), YearMonth.of(2026, 12),
                false, SOURCE, null, null, null, List.of(JournalLine.debit("1", BigDecimal.ONE, P100),
                JournalLine.credit("2", BigDecimal.ONE, P100)), null)).isInstanceOf(IllegalArgumentException.class);
    }
}
