package io.millrace.accounting.ledger;

import java.math.BigDecimal;
import java.util.Objects;

/**
 * One line of a journal entry: exactly one of debit and credit is positive, the other zero;
 * both are rounded to 2 decimals half-up.
 */
public record JournalLine(String account, BigDecimal debit, BigDecimal credit, Dimensions dimensions) {
    public JournalLine {
        Objects.requireNonNull(account, "account");
        Objects.requireNonNull(dimensions, "dimensions");
        debit = Amounts.money(debit == null ? BigDecimal.ZERO : debit);
        credit = Amounts.money(credit == null ? BigDecimal.ZERO : credit);
        if (debit.signum() < 0 || credit.signum() < 0) {
            throw new IllegalArgumentException("debit and credit are never negative on account " + account);
        }
        if ((debit.signum() == 0) == (credit.signum() == 0)) {
            throw new IllegalArgumentException("a line debits or credits, not both nor neither, on account " + account);
        }
    }

    public static JournalLine debit(String account, BigDecimal amount, Dimensions dimensions) {
        return new JournalLine(account, amount, BigDecimal.ZERO, dimensions);
    }

    public static JournalLine credit(String account, BigDecimal amount, Dimensions dimensions) {
        return new JournalLine(account, BigDecimal.ZERO, amount, dimensions);
    }

    /** Debit (positive) minus credit. */
    public BigDecimal balance() {
        return debit.subtract(credit);
    }

    public String plant() {
        return dimensions.plant();
    }

    /** The same line on the other side. */
    public JournalLine mirrored() {
        return new JournalLine(account, credit, debit, dimensions);
    }
}
