package io.millrace.simulator;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The simulator's shadow of the hub's inventory sub-ledger for one plant: quantity per location,
 * item and lot, split into unrestricted and blocked stock. Lots are numbered in the order they
 * come into being; first-in first-out means lowest number first, which is also the order of
 * their codes and of their receipt, so the hub's backflush picks the same lots whichever of these
 * it orders by.
 */
final class StockBook {

    record LotStock(String location, String item, String lot, long sequence, BigDecimal unrestricted,
                    BigDecimal blocked) {
    }

    private record Place(String location, String item) {
    }

    private static final class Balance {
        final String lot;
        BigDecimal unrestricted = BigDecimal.ZERO;
        BigDecimal blocked = BigDecimal.ZERO;

        Balance(String lot) {
            this.lot = lot;
        }
    }

    /** Balances per location and item, each keyed by lot sequence so that iteration is first-in first-out. */
    private final Map<Place, TreeMap<Long, Balance>> places = new LinkedHashMap<>();
    private List<LotStock> snapshot;

    /** A lot's place in first-in first-out order: the counter its code ends with ({@code L-P100-42-000017}). */
    static long sequence(String lot) {
        return Long.parseLong(lot.substring(lot.lastIndexOf('-') + 1));
    }

    void add(String location, String item, String lot, BigDecimal quantity) {
        Balance b = places.computeIfAbsent(new Place(location, item), k -> new TreeMap<>())
                .computeIfAbsent(sequence(lot), k -> new Balance(lot));
        b.unrestricted = b.unrestricted.add(quantity);
        snapshot = null;
    }

    void take(String location, String item, String lot, BigDecimal quantity) {
        Balance b = balance(location, item, lot);
        b.unrestricted = checked(b.unrestricted.subtract(quantity), location, item, lot);
        prune(location, item, lot, b);
    }

    void block(String location, String item, String lot, BigDecimal quantity) {
        Balance b = balance(location, item, lot);
        b.unrestricted = checked(b.unrestricted.subtract(quantity), location, item, lot);
        b.blocked = b.blocked.add(quantity);
        snapshot = null;
    }

    void unblock(String location, String item, String lot, BigDecimal quantity) {
        Balance b = balance(location, item, lot);
        b.blocked = checked(b.blocked.subtract(quantity), location, item, lot);
        b.unrestricted = b.unrestricted.add(quantity);
        snapshot = null;
    }

    void scrapBlocked(String location, String item, String lot, BigDecimal quantity) {
        Balance b = balance(location, item, lot);
        b.blocked = checked(b.blocked.subtract(quantity), location, item, lot);
        prune(location, item, lot, b);
    }

    /** A count sets the book quantity; only lots without blocked stock are counted. */
    void count(String location, String item, String lot, BigDecimal counted) {
        Balance b = balance(location, item, lot);
        b.unrestricted = counted;
        prune(location, item, lot, b);
    }

    BigDecimal unrestricted(String location, String item) {
        TreeMap<Long, Balance> lots = places.get(new Place(location, item));
        BigDecimal sum = BigDecimal.ZERO;
        if (lots != null) {
            for (Balance b : lots.values()) {
                sum = sum.add(b.unrestricted);
            }
        }
        return sum;
    }

    /** Lots of an item at a location with unrestricted stock, oldest first. */
    List<LotStock> lots(String location, String item) {
        TreeMap<Long, Balance> lots = places.get(new Place(location, item));
        List<LotStock> out = new ArrayList<>();
        if (lots != null) {
            lots.forEach((seq, b) -> {
                if (b.unrestricted.signum() > 0) {
                    out.add(new LotStock(location, item, b.lot, seq, b.unrestricted, b.blocked));
                }
            });
        }
        return out;
    }

    /** Every lot balance, oldest lot first. */
    List<LotStock> all() {
        if (snapshot == null) {
            List<LotStock> out = new ArrayList<>();
            places.forEach((place, lots) -> lots.forEach((seq, b) -> out.add(new LotStock(place.location(),
                    place.item(), b.lot, seq, b.unrestricted, b.blocked))));
            out.sort(Comparator.comparingLong(LotStock::sequence).thenComparing(LotStock::location));
            snapshot = List.copyOf(out);
        }
        return snapshot;
    }

    /** Takes {@code quantity} first-in first-out, as the hub's backflush does. */
    void takeFirstInFirstOut(String location, String item, BigDecimal quantity) {
        BigDecimal left = quantity;
        for (LotStock lot : lots(location, item)) {
            if (left.signum() <= 0) {
                break;
            }
            BigDecimal part = left.min(lot.unrestricted());
            take(location, item, lot.lot(), part);
            left = left.subtract(part);
        }
        if (left.signum() > 0) {
            throw new IllegalStateException("backflush of " + quantity + " " + item + " at " + location
                    + " exceeds the stock");
        }
    }

    private Balance balance(String location, String item, String lot) {
        TreeMap<Long, Balance> lots = places.get(new Place(location, item));
        Balance b = lots == null ? null : lots.get(sequence(lot));
        if (b == null) {
            throw new IllegalStateException("no stock of " + item + " lot " + lot + " at " + location);
        }
        snapshot = null;
        return b;
    }

    private void prune(String location, String item, String lot, Balance b) {
        if (b.unrestricted.signum() == 0 && b.blocked.signum() == 0) {
            places.get(new Place(location, item)).remove(sequence(lot));
        }
    }

    private static BigDecimal checked(BigDecimal value, String location, String item, String lot) {
        if (value.signum() < 0) {
            throw new IllegalStateException("stock of " + item + " lot " + lot + " at " + location + " would go negative");
        }
        return value;
    }
}
