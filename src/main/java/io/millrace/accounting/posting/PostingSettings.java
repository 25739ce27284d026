package io.millrace.accounting.posting;

import io.millrace.accounting.ledger.AccountDetermination;
import io.millrace.accounting.ledger.ChartOfAccounts;
import java.math.BigDecimal;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Objects;

/**
 * Configuration of the posting rules.
 *
 * @param priceTolerance  relative price difference an invoice line may have from the PO price
 *                        (0.05 = 5 %)
 * @param outputTaxRate   tax rate on shipments, credited to the output tax account; null for none
 * @param periodZone      the zone in which an event's time is turned into a posting date
 * @param companyCurrency the currency of the books (ISO 4217); documents in another are converted
 */
public record PostingSettings(ChartOfAccounts chart, AccountDetermination accounts, BigDecimal priceTolerance,
                              BigDecimal outputTaxRate, ZoneId periodZone, String companyCurrency) {
    public static final String DEFAULT_CURRENCY = "EUR";

    /** Settings whose books are in euro. */
    public PostingSettings(ChartOfAccounts chart, AccountDetermination accounts, BigDecimal priceTolerance,
                           BigDecimal outputTaxRate, ZoneId periodZone) {
        this(chart, accounts, priceTolerance, outputTaxRate, periodZone, DEFAULT_CURRENCY);
    }

    public PostingSettings {
        Objects.requireNonNull(companyCurrency, "companyCurrency");
        Objects.requireNonNull(chart, "chart");
        Objects.requireNonNull(accounts, "accounts");
        Objects.requireNonNull(priceTolerance, "priceTolerance");
        Objects.requireNonNull(periodZone, "periodZone");
        if (priceTolerance.signum() < 0) {
            throw new IllegalArgumentException("price tolerance must not be negative: " + priceTolerance);
        }
        if (outputTaxRate != null && outputTaxRate.signum() < 0) {
            throw new IllegalArgumentException("tax rate must not be negative: " + outputTaxRate);
        }
    }

    public static PostingSettings defaults() {
        return new PostingSettings(ChartOfAccounts.defaults(), AccountDetermination.defaults(),
                new BigDecimal("0.05"), null, ZoneOffset.UTC);
    }

    public PostingSettings withPriceTolerance(BigDecimal tolerance) {
        return new PostingSettings(chart, accounts, tolerance, outputTaxRate, periodZone, companyCurrency);
    }

    public PostingSettings withOutputTaxRate(BigDecimal rate) {
        return new PostingSettings(chart, accounts, priceTolerance, rate, periodZone, companyCurrency);
    }

    public PostingSettings withCompanyCurrency(String currency) {
        return new PostingSettings(chart, accounts, priceTolerance, outputTaxRate, periodZone, currency);
    }

    public PostingSettings withAccounts(AccountDetermination determination) {
        return new PostingSettings(chart, determination, priceTolerance, outputTaxRate, periodZone, companyCurrency);
    }
}
