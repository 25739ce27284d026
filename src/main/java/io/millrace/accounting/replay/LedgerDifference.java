package io.millrace.accounting.replay;

import io.millrace.accounting.ledger.JournalEntry;
import io.millrace.accounting.ledger.JournalLine;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Predicate;

/**
 * The difference between the real ledger and a shadow ledger, per plant, account and order (the
 * order dimension, empty for lines without one), over the entries of the events in scope.
 * Balances are debit positive; {@code difference} is shadow minus real.
 */
public final class LedgerDifference {

    /** One plant, account and order whose balance differs. */
    public record Row(String plant, String account, String order, BigDecimal real, BigDecimal shadow,
                      BigDecimal difference) {
    }

    private LedgerDifference() {
    }

    /** The rows that differ, ordered by plant, account and order. */
    public static List<Row> between(Collection<JournalEntry> real, Collection<JournalEntry> shadow,
                                    Set<String> trackingIds, Predicate<String> plants) {
        Map<List<String>, BigDecimal[]> balances = new TreeMap<>((a, b) -> {
            for (int i = 0; i < a.size(); i++) {
                int c = a.get(i).compareTo(b.get(i));
                if (c != 0) {
                    return c;
                }
            }
            return 0;
        });
        add(balances, real, trackingIds, plants, 0);
        add(balances, shadow, trackingIds, plants, 1);
        List<Row> rows = new ArrayList<>();
        balances.forEach((key, pair) -> {
            BigDecimal difference = pair[1].subtract(pair[0]);
            if (difference.signum() != 0) {
                rows.add(new Row(key.get(0), key.get(1), key.get(2).isEmpty() ? null : key.get(2), pair[0], pair[1],
                        difference));
            }
        });
        return rows;
    }

    private static void add(Map<List<String>, BigDecimal[]> balances, Collection<JournalEntry> entries,
                            Set<String> trackingIds, Predicate<String> plants, int side) {
        for (JournalEntry entry : entries) {
            if (!trackingIds.contains(entry.source().trackingId())) {
                continue;
            }
            for (JournalLine line : entry.lines()) {
                if (!plants.test(line.plant())) {
                    continue;
                }
                List<String> key = List.of(line.plant(), line.account(), Objects.toString(line.dimensions().order(), ""));
                BigDecimal[] pair = balances.computeIfAbsent(key, k -> new BigDecimal[] {BigDecimal.ZERO.setScale(2),
                        BigDecimal.ZERO.setScale(2)});
                pair[side] = pair[side].add(line.balance());
            }
        }
    }
}
