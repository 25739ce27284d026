package io.millrace.corrections;

import io.millrace.accounting.posting.PeriodReadiness;
import io.millrace.accounting.posting.PostingSettings;
import io.millrace.ledger.PeriodReadinessCheck;
import java.time.OffsetDateTime;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.List;
import javax.sql.DataSource;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * The readiness of a month from the event log and the exception queue: events whose time falls in
 * the month (in the period zone) that are pending or parked, or open exceptions; and the released
 * orders with postings in the month, which are listed to settle.
 */
@Component
class LoggedPeriodReadiness implements PeriodReadinessCheck {

    private final JdbcTemplate jdbc;
    private final PostingSettings settings;

    LoggedPeriodReadiness(DataSource dataSource, PostingSettings settings) {
        this.jdbc = new JdbcTemplate(dataSource);
        this.settings = settings;
    }

    @Override
    public PeriodReadiness readiness(YearMonth period) {
        OffsetDateTime from = period.atDay(1).atStartOfDay(settings.periodZone()).toOffsetDateTime()
                .withOffsetSameInstant(ZoneOffset.UTC);
        OffsetDateTime to = period.plusMonths(1).atDay(1).atStartOfDay(settings.periodZone()).toOffsetDateTime()
                .withOffsetSameInstant(ZoneOffset.UTC);
        long pending = count("SELECT COUNT(*) FROM event_log WHERE state = 'PENDING' AND event_time >= ? "
                + "AND event_time < ?", from, to);
        long parked = count("SELECT COUNT(*) FROM event_log WHERE state = 'PARKED' AND event_time >= ? "
                + "AND event_time < ?", from, to);
        long exceptions = count("SELECT COUNT(DISTINCT x.tracking_id) FROM pipeline_exception x JOIN event_log e "
                + "ON e.tracking_id = x.tracking_id WHERE x.status = 'OPEN' AND e.event_time >= ? "
                + "AND e.event_time < ?", from, to);
        List<String> orders = jdbc.queryForList("SELECT DISTINCT l.order_id FROM ledger_journal_line l "
                + "JOIN ledger_production_order o ON o.order_id = l.order_id "
                + "WHERE l.period = ? AND o.status = 'RELEASED' ORDER BY l.order_id", String.class, period.toString());
        return new PeriodReadiness(period, pending, parked, exceptions, orders);
    }

    private long count(String sql, OffsetDateTime from, OffsetDateTime to) {
        Long n = jdbc.queryForObject(sql, Long.class, from, to);
        return n == null ? 0 : n;
    }
}
