package io.millrace.masterdata;

import io.millrace.audit.AuditTrail;
import io.millrace.access.Caller;
import io.millrace.accounting.master.ExchangeRate;
import io.millrace.catalog.EventJson;
import io.millrace.web.ApiProblem;
import io.millrace.web.FieldError;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.springframework.http.MediaType;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.JsonNode;

/**
 * Exchange rates as master data: {@code PUT /api/v1/master-data/exchange-rates} upserts
 * {@code {"exchangeRates":[{"currency":"USD","validFrom":"2026-11-01","rate":0.92}]}} (company
 * currency per unit of {@code currency}, valid from the day until the next rate of that currency),
 * validated whole; {@code GET} lists them. A supplier invoice in a foreign currency posts at the
 * rate valid on its date.
 */
@RestController
class ExchangeRatesController {

    private static final String PATH = "/api/v1/master-data/exchange-rates";

    record RateView(String currency, LocalDate validFrom, BigDecimal rate) {
    }

    private final JdbcMasterDataStore store;
    private final CachedMasterData cache;
    private final TransactionTemplate transactions;

    private final AuditTrail audit;

    ExchangeRatesController(JdbcMasterDataStore store, CachedMasterData cache, PlatformTransactionManager tm,
                            AuditTrail audit) {
        this.audit = audit;
        this.store = store;
        this.cache = cache;
        this.transactions = new TransactionTemplate(tm);
    }

    @GetMapping(PATH)
    Map<String, List<RateView>> list(Caller caller) {
        caller.requireReadAll();
        return Map.of("exchangeRates", cache.exchangeRates().stream()
                .map(r -> new RateView(r.currency(), r.validFrom(), r.rate())).toList());
    }

    @PutMapping(path = PATH, consumes = MediaType.APPLICATION_JSON_VALUE)
    Map<String, Integer> upsert(Caller caller, @RequestBody(required = false) byte[] body) {
        caller.requireAdmin();
        List<ExchangeRate> rates = read(body);
        Integer changed = transactions.execute(status -> {
            store.lockVersion();
            int n = store.upsertExchangeRates(rates);
            if (n > 0) {
                store.bumpVersion();
                audit.record(caller.actor(), "exchange-rates.updated", "exchange-rates", null, rates);
            }
            return n;
        });
        cache.reload();
        return Map.of("received", rates.size(), "changed", changed == null ? 0 : changed);
    }

    private static List<ExchangeRate> read(byte[] body) {
        JsonNode root;
        try {
            root = body == null || body.length == 0 ? null : EventJson.mapper().readTree(body);
        } catch (RuntimeException ex) {
            throw ApiProblem.invalid("The body is not JSON; nothing was stored.", List.of(FieldError.at("", "is not JSON")));
        }
        JsonNode list = root == null ? null : root.get("exchangeRates");
        if (list == null || !list.isArray()) {
            throw ApiProblem.invalid("Send {\"exchangeRates\": [...]}; nothing was stored.",
                    List.of(FieldError.at("/exchangeRates", "must be an array")));
        }
        List<FieldError> errors = new ArrayList<>();
        List<ExchangeRate> rates = new ArrayList<>();
        for (int i = 0; i < list.size(); i++) {
            JsonNode r = list.get(i);
            String at = "/exchangeRates/" + i;
            String currency = r.path("currency").isString() ? r.get("currency").asString() : null;
            if (currency == null || !currency.matches("[A-Z]{3}")) {
                errors.add(FieldError.at(at + "/currency", "must be an ISO 4217 currency code of 3 uppercase letters"));
            }
            LocalDate validFrom = null;
            try {
                validFrom = LocalDate.parse(r.path("validFrom").asString(""));
            } catch (DateTimeParseException ex) {
                errors.add(FieldError.at(at + "/validFrom", "must be a date such as 2026-11-01"));
            }
            BigDecimal rate = r.path("rate").isNumber() ? r.get("rate").decimalValue() : null;
            if (rate == null || rate.signum() <= 0 || rate.stripTrailingZeros().scale() > 8) {
                errors.add(FieldError.at(at + "/rate", "must be a number above 0 with at most 8 decimals"));
            }
            if (currency != null && validFrom != null && rate != null) {
                rates.add(new ExchangeRate(currency, validFrom, rate));
            }
        }
        if (!errors.isEmpty()) {
            throw ApiProblem.invalid("The exchange rates have " + errors.size() + " error(s); nothing was stored.",
                    errors);
        }
        return rates;
    }
}
