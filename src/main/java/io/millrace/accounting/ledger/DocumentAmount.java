package io.millrace.accounting.ledger;

import java.math.BigDecimal;
import java.util.Objects;

/**
 * The amount of a document in its own currency, kept on the journal entry that posted it in the
 * company currency, with the exchange rate used (company currency per unit of the document's).
 */
public record DocumentAmount(String currency, BigDecimal amount, BigDecimal exchangeRate) {
    public DocumentAmount {
        Objects.requireNonNull(currency, "currency");
        Objects.requireNonNull(amount, "amount");
        Objects.requireNonNull(exchangeRate, "exchangeRate");
        if (exchangeRate.signum() <= 0) {
            throw new IllegalArgumentException("an exchange rate is positive: " + exchangeRate);
        }
    }

    /** The same document taken back: the amount with the other sign. */
    public DocumentAmount negated() {
        return new DocumentAmount(currency, amount.negate(), exchangeRate);
    }
}
