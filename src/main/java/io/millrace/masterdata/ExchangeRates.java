package io.millrace.masterdata;

import io.millrace.accounting.master.ExchangeRate;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Optional;
import java.util.TreeMap;

/** The exchange rates as loaded: per currency, by the day each starts to apply. Immutable. */
final class ExchangeRates {

    private final Map<String, NavigableMap<LocalDate, ExchangeRate>> byCurrency;

    private ExchangeRates(Map<String, NavigableMap<LocalDate, ExchangeRate>> byCurrency) {
        this.byCurrency = byCurrency;
    }

    static ExchangeRates load(JdbcMasterDataStore store) {
        Map<String, NavigableMap<LocalDate, ExchangeRate>> map = new TreeMap<>();
        for (ExchangeRate rate : store.exchangeRates()) {
            map.computeIfAbsent(rate.currency(), c -> new TreeMap<>()).put(rate.validFrom(), rate);
        }
        return new ExchangeRates(map);
    }

    /** The rate of the currency valid on the day: the latest starting on it or before. */
    Optional<ExchangeRate> on(String currency, LocalDate day) {
        NavigableMap<LocalDate, ExchangeRate> rates = byCurrency.get(currency);
        return rates == null ? Optional.empty() : Optional.ofNullable(rates.floorEntry(day)).map(Map.Entry::getValue);
    }

    List<ExchangeRate> all() {
        List<ExchangeRate> all = new ArrayList<>();
        byCurrency.values().forEach(m -> all.addAll(m.values()));
        return all;
    }
}
