package io.millrace.erp;

import io.millrace.accounting.master.LocationRole;
import io.millrace.accounting.master.ValuationClass;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * How ERP reference data maps onto Millrace's: which product category means which valuation
 * class, which location plays which role, which ERP unit is which Millrace unit. Keys are matched
 * without regard to case. Categories default to their own name ({@code RAW}, {@code SEMI},
 * {@code FINISHED}, also {@code Raw materials}, {@code Semi-finished}, {@code Finished goods});
 * units to {@code u → ea} and the unit's own symbol for {@code kg g t l ml m cm mm h min}; a
 * location not mapped plays {@code STORE}.
 */
public record ReferenceMapping(Map<String, ValuationClass> categories, Map<String, LocationRole> locationRoles,
                               Map<String, String> units) {

    private static final Map<String, ValuationClass> DEFAULT_CATEGORIES = Map.of(
            "raw", ValuationClass.RAW, "semi", ValuationClass.SEMI, "finished", ValuationClass.FINISHED,
            "raw materials", ValuationClass.RAW, "semi-finished", ValuationClass.SEMI,
            "finished goods", ValuationClass.FINISHED);
    private static final Map<String, String> DEFAULT_UNITS = Map.ofEntries(Map.entry("u", "ea"),
            Map.entry("kg", "kg"), Map.entry("g", "g"), Map.entry("t", "t"), Map.entry("l", "l"),
            Map.entry("ml", "ml"), Map.entry("m", "m"), Map.entry("cm", "cm"), Map.entry("mm", "mm"),
            Map.entry("h", "h"), Map.entry("min", "min"));

    public ReferenceMapping {
        categories = lowerKeys(categories, DEFAULT_CATEGORIES);
        locationRoles = lowerKeys(locationRoles, Map.of());
        units = lowerKeys(units, DEFAULT_UNITS);
    }

    public static ReferenceMapping defaults() {
        return new ReferenceMapping(Map.of(), Map.of(), Map.of());
    }

    public Optional<ValuationClass> valuationClass(String category) {
        return Optional.ofNullable(category == null ? null : categories.get(category.toLowerCase(Locale.ROOT)));
    }

    public LocationRole role(String locationCode) {
        return locationRoles.getOrDefault(locationCode.toLowerCase(Locale.ROOT), LocationRole.STORE);
    }

    public Optional<String> unit(String erpSymbol) {
        return Optional.ofNullable(erpSymbol == null ? null : units.get(erpSymbol.toLowerCase(Locale.ROOT)));
    }

    private static <V> Map<String, V> lowerKeys(Map<String, V> given, Map<String, V> defaults) {
        Map<String, V> all = new LinkedHashMap<>(defaults);
        if (given != null) {
            given.forEach((k, v) -> all.put(k.toLowerCase(Locale.ROOT), v));
        }
        return Map.copyOf(all);
    }
}
