package io.millrace.accounting.posting;

import io.millrace.accounting.books.Books;
import io.millrace.accounting.books.StockBalance;
import io.millrace.accounting.ledger.Amounts;
import io.millrace.accounting.ledger.Dimensions;
import io.millrace.accounting.ledger.JournalEntry;
import io.millrace.accounting.ledger.JournalLine;
import io.millrace.accounting.ledger.SourceEvent;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;

/**
 * Revalues the stock on hand of an item whose standard cost changes: per plant holding it, Dr
 * inventory / Cr revaluation (5410) for a higher cost, the reverse for a lower one, by the change
 * of the rounded value of the plant's quantity. The entry names the change and its actor and posts
 * on the day of the change (the first open period when that month is closed). Afterwards the GL
 * equals the sub-ledger valued at the new cost (invariant 2).
 */
public final class StandardCostRevaluation {

    public static final String SOURCE = "urn:millrace:hub:master-data";
    public static final String TYPE = "millrace.masterdata.standard-cost.changed";

    private final Books books;
    private final PostingSettings settings;

    public StandardCostRevaluation(Books books, PostingSettings settings) {
        this.books = books;
        this.settings = settings;
    }

    /** The plants holding stock of the item, read from the whole sub-ledger (for books in memory). */
    public static List<String> plantsHolding(Books books, String item) {
        TreeSet<String> plants = new TreeSet<>();
        for (StockBalance balance : books.inventory().all()) {
            if (balance.key().item().equals(item) && balance.quantity().signum() != 0) {
                plants.add(balance.key().plant());
            }
        }
        return List.copyOf(plants);
    }

    /** Posts the revaluation of the item's stock in these plants; answers the entries posted. */
    public List<JournalEntry> revalue(StandardCostChange change, List<String> plants) {
        List<JournalEntry> posted = new ArrayList<>();
        LocalDate day = LocalDate.ofInstant(change.at(), settings.periodZone());
        YearMonth period = YearMonth.from(day);
        boolean late = false;
        while (books.periods().isClosed(period)) {
            period = period.plusMonths(1);
            late = true;
        }
        LocalDate date = late ? period.atDay(1) : day;
        String account = settings.accounts().inventory(change.item().valuationClass());
        for (String plant : new TreeSet<>(plants)) {
            BigDecimal quantity = books.inventory().plantQuantity(plant, change.item().code());
            BigDecimal amount = Amounts.value(quantity, change.newCost())
                    .subtract(Amounts.value(quantity, change.previousCost()));
            if (amount.signum() == 0) {
                continue;
            }
            Dimensions dimensions = Dimensions.plant(plant).withItem(change.item().code());
            List<JournalLine> lines = amount.signum() > 0
                    ? List.of(JournalLine.debit(account, amount, dimensions),
                    JournalLine.credit(settings.accounts().revaluation(), amount, dimensions))
                    : List.of(JournalLine.debit(settings.accounts().revaluation(), amount.negate(), dimensions),
                    JournalLine.credit(account, amount.negate(), dimensions));
            JournalEntry entry = new JournalEntry(change.changeId() + "-" + plant, plant, date, null, late,
                    new SourceEvent(change.changeId(), SOURCE, change.changeId(), TYPE), change.changeId(),
                    change.actor(), "Revaluation of " + quantity.toPlainString() + " " + change.item().baseUom() + " "
                    + change.item().code() + ": standard cost " + change.previousCost().toPlainString() + " -> "
                    + change.newCost().toPlainString() + " (change " + change.changeId() + " by " + change.actor() + ")",
                    lines, null);
            books.journal().add(entry);
            posted.add(entry);
        }
        return posted;
    }
}
