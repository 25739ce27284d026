package io.millrace.masterdata;

import io.millrace.accounting.master.Item;
import java.math.BigDecimal;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.context.event.EventListener;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * {@link ItemUnits} from the cached items and table {@code md_item_conversion}, the conversions
 * cached per item until master data changes (here or, through the version poll, on another instance).
 */
class JdbcItemUnits implements ItemUnits {

    private final CachedMasterData master;
    private final JdbcTemplate jdbc;
    private final Map<String, Map<String, BigDecimal>> conversions = new ConcurrentHashMap<>();
    private volatile long version = -1;

    JdbcItemUnits(CachedMasterData master, JdbcTemplate jdbc) {
        this.master = master;
        this.jdbc = jdbc;
    }

    @Override
    public Optional<Units> of(String item) {
        long now = master.snapshot().version();
        if (now != version) {
            conversions.clear();
            version = now;
        }
        Optional<Item> found = master.item(item);
        return found.map(i -> new Units(i.code(), i.baseUom(), conversions.computeIfAbsent(i.code(), this::load)));
    }

    private Map<String, BigDecimal> load(String item) {
        Map<String, BigDecimal> factors = new HashMap<>();
        jdbc.query("SELECT uom, factor FROM md_item_conversion WHERE item = ?",
                rs -> { factors.put(rs.getString(1), rs.getBigDecimal(2).stripTrailingZeros()); }, item);
        return factors;
    }

    @EventListener
    void on(MasterDataChanged changed) {
        conversions.clear();
    }
}
