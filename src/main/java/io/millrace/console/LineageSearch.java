package io.millrace.console;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.UUID;
import javax.sql.DataSource;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Finds the events behind a business reference: a tracking id, a correlation id, a production or
 * sales order, a lot, a purchase order or an ERP document (move number or reference). Each
 * lookup returns at most {@link #LIMIT} events, newest first: the log is read backwards by its
 * primary key and stops at the limit, and orders are found through the indexed order column of
 * the journal as well.
 */
final class LineageSearch {

    static final int LIMIT = 100;

    /** What the reference names. */
    enum Kind {
        TRACKING("Tracking id"), CORRELATION("Correlation id"), ORDER("Order"), LOT("Lot"),
        PURCHASE_ORDER("Purchase order"), ERP_DOCUMENT("ERP document");

        final String label;

        Kind(String label) {
            this.label = label;
        }

        public String label() {
            return label;
        }

        static Kind parse(String value) {
            try {
                return value == null || value.isBlank() ? ORDER : valueOf(value.trim().toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException ex) {
                return ORDER;
            }
        }
    }

    private final JdbcTemplate jdbc;

    LineageSearch(DataSource dataSource) {
        this.jdbc = new JdbcTemplate(dataSource);
    }

    Set<UUID> trackingIds(Kind kind, String reference) {
        String ref = reference.trim();
        Set<UUID> ids = new LinkedHashSet<>();
        switch (kind) {
            case TRACKING -> {
                try {
                    ids.add(UUID.fromString(ref));
                } catch (IllegalArgumentException ex) {
                    // no such event
                }
            }
            case CORRELATION -> ids.addAll(logWhere("correlation_id = ?", ref));
            case ORDER -> {
                ids.addAll(logWhere("business_key IN (?, ?) OR subject = ?", "order:" + ref, "so:" + ref, ref));
                ids.addAll(uuids("SELECT DISTINCT e.tracking_id FROM ledger_journal_line l JOIN ledger_journal_entry e "
                        + "ON e.entry_id = l.entry_id WHERE l.order_id = ? FETCH FIRST " + LIMIT + " ROWS ONLY", ref));
            }
            case LOT -> {
                ids.addAll(logWhere("business_key = ?", "lot:" + ref));
                ids.addAll(uuids("SELECT DISTINCT tracking_id FROM pipeline_movement WHERE lot = ? FETCH FIRST "
                        + LIMIT + " ROWS ONLY", ref));
            }
            case PURCHASE_ORDER -> ids.addAll(logWhere("business_key = ?", "po:" + ref));
            case ERP_DOCUMENT -> ids.addAll(uuids("SELECT DISTINCT tracking_id FROM erp_delivery WHERE "
                    + "(move_number = ? OR reference = ?) AND tracking_id IS NOT NULL FETCH FIRST " + LIMIT
                    + " ROWS ONLY", ref, ref));
        }
        return ids;
    }

    private List<UUID> logWhere(String condition, Object... args) {
        return uuids("SELECT tracking_id FROM event_log WHERE " + condition + " ORDER BY position DESC FETCH FIRST "
                + LIMIT + " ROWS ONLY", args);
    }

    private List<UUID> uuids(String sql, Object... args) {
        return jdbc.query(sql, (rs, n) -> rs.getObject(1, UUID.class), args);
    }
}
