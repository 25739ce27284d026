package io.millrace.erp;

import io.millrace.accounting.master.LocationRole;
import io.millrace.accounting.master.ValuationClass;
import java.net.URI;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code millrace.erp.*}: which ERP ({@code none} or {@code tryton}), how to reach it, how
 * Millrace's data maps onto it and how deliveries behave.
 *
 * @param kind          {@code none} (no ERP) or {@code tryton}
 * @param url           the ERP's API, for Tryton {@code http://host:8000/<database>/}
 * @param journal       code of the ERP journal moves are created in
 * @param accounts      Millrace account code → ERP account code, where they differ (same code otherwise)
 * @param parties       Millrace supplier or customer code → ERP party code, where they differ
 * @param batchSize     moves created per ERP call
 * @param summarise     deliver one move per plant, posting date (and account) once the day is over
 *                      instead of one per journal entry
 * @param summaryDelay  how long after the end of a day (UTC) its entries are summarised
 * @param syncInterval  how often reference data and released orders are read from the ERP
 * @param dispatch      false: this instance does not deliver (another does)
 */
@ConfigurationProperties("millrace.erp")
public record ErpProperties(@DefaultValue("none") String kind,
                            URI url,
                            @DefaultValue("admin") String user,
                            String password,
                            @DefaultValue("STO") String journal,
                            Map<String, String> accounts,
                            Map<String, String> parties,
                            @DefaultValue Mapping mapping,
                            @DefaultValue("50") int batchSize,
                            @DefaultValue("false") boolean summarise,
                            @DefaultValue("1h") Duration summaryDelay,
                            @DefaultValue("30s") Duration syncInterval,
                            @DefaultValue("5s") Duration connectTimeout,
                            @DefaultValue("30s") Duration requestTimeout,
                            @DefaultValue("500ms") Duration pollInterval,
                            @DefaultValue("90s") Duration leaseDuration,
                            @DefaultValue Retry retry,
                            @DefaultValue CircuitBreaker circuitBreaker,
                            @DefaultValue("true") boolean dispatch) {

    public ErpProperties {
        kind = kind == null ? "none" : kind.trim().toLowerCase(Locale.ROOT);
        if (!kind.equals("none") && !kind.equals("tryton")) {
            throw new IllegalArgumentException("millrace.erp.kind must be none or tryton, was '" + kind + "'");
        }
        if (kind.equals("tryton") && url == null) {
            throw new IllegalArgumentException("millrace.erp.url is required with --erp tryton, e.g."
                    + " http://127.0.0.1:8000/<database>/");
        }
        if (url != null && (url.getScheme() == null || !url.getScheme().matches("https?") || url.getHost() == null)) {
            throw new IllegalArgumentException("millrace.erp.url must be an absolute http(s) URL, was " + url);
        }
        accounts = accounts == null ? Map.of() : Map.copyOf(accounts);
        parties = parties == null ? Map.of() : Map.copyOf(parties);
        if (batchSize < 1 || batchSize > 500) {
            throw new IllegalArgumentException("millrace.erp.batch-size must be 1-500, was " + batchSize);
        }
        if (leaseDuration.compareTo(requestTimeout.multipliedBy(2).plus(connectTimeout)) <= 0) {
            throw new IllegalArgumentException("millrace.erp.lease-duration (" + leaseDuration + ") must be longer"
                    + " than two request timeouts (" + requestTimeout + ") and a connect timeout");
        }
    }

    /** No ERP, defaults otherwise. */
    public static ErpProperties none() {
        return new ErpProperties("none", null, "admin", null, "STO", Map.of(), Map.of(), Mapping.defaults(), 50,
                false, Duration.ofHours(1), Duration.ofSeconds(30), Duration.ofSeconds(5), Duration.ofSeconds(30),
                Duration.ofMillis(500), Duration.ofSeconds(90), Retry.defaults(), CircuitBreaker.defaults(), true);
    }

    public boolean enabled() {
        return !kind.equals("none");
    }

    /** The ERP account of a Millrace account. */
    public String erpAccount(String millraceAccount) {
        return accounts.getOrDefault(millraceAccount, millraceAccount);
    }

    /** The ERP party of a Millrace supplier or customer. */
    public String erpParty(String millraceParty) {
        return millraceParty == null ? null : parties.getOrDefault(millraceParty, millraceParty);
    }

    /** Reference-data mapping: product category → valuation class, location code → role, ERP unit → Millrace unit. */
    public record Mapping(Map<String, ValuationClass> categories, Map<String, LocationRole> locationRoles,
                          Map<String, String> units) {
        public static Mapping defaults() {
            return new Mapping(Map.of(), Map.of(), Map.of());
        }

        public ReferenceMapping reference() {
            return new ReferenceMapping(categories, locationRoles, units);
        }
    }

    /** Backoff after a failed delivery: doubled from {@code initialBackoff} up to {@code maxBackoff}, with jitter. */
    public record Retry(@DefaultValue("1s") Duration initialBackoff, @DefaultValue("1m") Duration maxBackoff) {
        public static Retry defaults() {
            return new Retry(Duration.ofSeconds(1), Duration.ofMinutes(1));
        }
    }

    /** The circuit opens after {@code failureThreshold} failed calls in a row and stays open {@code openDuration}. */
    public record CircuitBreaker(@DefaultValue("5") int failureThreshold, @DefaultValue("30s") Duration openDuration) {
        public static CircuitBreaker defaults() {
            return new CircuitBreaker(5, Duration.ofSeconds(30));
        }
    }
}
