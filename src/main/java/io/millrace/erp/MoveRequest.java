package io.millrace.erp;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;
import java.util.Objects;

/**
 * A move to create in the ERP: {@code reference} identifies it (the Millrace entry id, or the
 * summary's key) and is how it is found again; lines carry ERP account codes and, where the
 * account needs one, the ERP party code.
 */
public record MoveRequest(String reference, LocalDate date, String text, List<Line> lines) {

    public MoveRequest {
        Objects.requireNonNull(reference, "reference");
        Objects.requireNonNull(date, "date");
        lines = List.copyOf(lines);
        BigDecimal debit = lines.stream().map(Line::debit).reduce(BigDecimal.ZERO, BigDecimal::add);
        BigDecimal credit = lines.stream().map(Line::credit).reduce(BigDecimal.ZERO, BigDecimal::add);
        if (lines.isEmpty() || debit.compareTo(credit) != 0) {
            throw new IllegalArgumentException("move " + reference + " is empty or does not balance: debit " + debit
                    + ", credit " + credit);
        }
    }

    /** One line; exactly one of debit and credit is non-zero, both non-negative. */
    public record Line(String account, BigDecimal debit, BigDecimal credit, String party, String text) {
        public Line {
            Objects.requireNonNull(account, "account");
            if (debit.signum() < 0 || credit.signum() < 0) {
                throw new IllegalArgumentException("line amounts must not be negative: " + debit + "/" + credit);
            }
        }
    }
}
