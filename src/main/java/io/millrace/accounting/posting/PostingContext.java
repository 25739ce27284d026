package io.millrace.accounting.posting;

import io.millrace.accounting.books.ProductionOrder;
import io.millrace.accounting.books.StockBalance;
import io.millrace.accounting.books.StockKey;
import io.millrace.accounting.event.EventContext;
import io.millrace.accounting.ledger.AccountDetermination;
import io.millrace.accounting.ledger.Amounts;
import io.millrace.accounting.ledger.Dimensions;
import io.millrace.accounting.ledger.JournalEntry;
import io.millrace.accounting.ledger.JournalLine;
import io.millrace.accounting.ledger.SourceEvent;
import io.millrace.accounting.master.Item;
import io.millrace.accounting.master.Location;
import io.millrace.accounting.master.LocationRole;
import io.millrace.accounting.master.MasterData;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * What a rule works with while it computes one event: the event's envelope and posting date, the
 * master data, the buffered books and the effects collected so far.
 */
public final class PostingContext {

    private final EventContext event;
    private final PostingSettings settings;
    private final Workspace books;
    private final Lookups lookups;
    private final LocalDate postingDate;
    private final boolean late;
    private final List<InventoryMovement> movements = new ArrayList<>();
    private final List<OutboundMessage> messages = new ArrayList<>();
    private final Set<String> changedKeys = new LinkedHashSet<>();
    private int entryCount;

    PostingContext(EventContext event, MasterData master, PostingSettings settings, Workspace books,
                   LocalDate postingDate, boolean late) {
        this.event = event;
        this.settings = settings;
        this.books = books;
        this.lookups = new Lookups(master, event.plant());
        this.postingDate = postingDate;
        this.late = late;
    }

    public EventContext event() {
        return event;
    }

    public String plant() {
        return event.plant();
    }

    public Instant eventTime() {
        return event.eventTime();
    }

    public PostingSettings settings() {
        return settings;
    }

    public AccountDetermination accounts() {
        return settings.accounts();
    }

    public Lookups master() {
        return lookups;
    }

    Workspace books() {
        return books;
    }

    public Dimensions dimensions() {
        return Dimensions.plant(plant());
    }

    /**
     * The released, not closed order: waits when it is not released yet, an exception when it is
     * closed already.
     */
    ProductionOrder activeOrder(String orderId) {
        ProductionOrder order = books.order(orderId).orElseThrow(() -> Refusal.waitFor(ReasonCode.ORDER_NOT_RELEASED,
                "production order " + orderId + " is not released", Set.of(DependencyKeys.order(orderId))));
        if (order.closed()) {
            throw Refusal.reject(ReasonCode.ORDER_CLOSED, "production order " + orderId + " is already closed");
        }
        if (!order.plant().equals(plant())) {
            Lookups.mismatch("production order " + orderId + " belongs to plant " + order.plant() + ", not "
                    + plant());
        }
        return order;
    }

    /**
     * Changes the quantity of one stock key by {@code delta} and answers the change of the
     * rounded inventory value of the item in that plant, which is what the ledger posts (ADR
     * 0002). Waits when the stock would go negative.
     */
    BigDecimal changeStock(StockKey key, BigDecimal delta, Instant receivedAt) {
        Item item = lookups.item(key.item());
        BigDecimal before = books.quantity(key);
        BigDecimal after = before.add(delta);
        if (after.signum() < 0) {
            throw Refusal.waitFor(ReasonCode.NEGATIVE_STOCK, "stock of " + key.item() + " lot " + key.lot() + " at "
                    + key.location() + " (" + key.status() + ") would go negative: " + before.toPlainString()
                    + " on hand, " + delta.negate().toPlainString() + " needed",
                    Set.of(DependencyKeys.stock(key.plant(), key.location(), key.item(), key.lot())));
        }
        BigDecimal plantBefore = books.plantQuantity(key.plant(), key.item());
        Instant since = books.stock(key).filter(b -> before.signum() > 0).map(StockBalance::receivedAt)
                .map(t -> delta.signum() < 0 || t.isBefore(receivedAt) ? t : receivedAt).orElse(receivedAt);
        books.saveStock(new StockBalance(key, after, since));
        movements.add(new InventoryMovement(key, delta, event.trackingId()));
        changedKeys.add(DependencyKeys.stock(key.plant(), key.location(), key.item(), key.lot()));
        lookups.findLocation(key.location()).filter(l -> l.role() == LocationRole.SUPPLY)
                .ifPresent(l -> changedKeys.add(DependencyKeys.supply(key.plant(), key.item())));
        return Amounts.valueChange(plantBefore, plantBefore.add(delta), item.standardCost());
    }

    /**
     * Takes back a movement of an event being reversed: like {@link #changeStock}, but stock that
     * would go negative means what the event brought is used up, so the reversal is refused.
     */
    BigDecimal undoStock(StockKey key, BigDecimal delta) {
        BigDecimal on = books.quantity(key);
        if (on.add(delta).signum() < 0) {
            throw Refusal.reject(ReasonCode.REVERSAL_STOCK_USED, "stock of " + key.item() + " lot " + key.lot()
                    + " at " + key.location() + " (" + key.status() + ") is " + on.toPlainString() + ", "
                    + delta.negate().toPlainString() + " would have to be taken back: it was consumed, moved or "
                    + "shipped since");
        }
        return changeStock(key, delta, receivedAtOf(key));
    }

    Instant receivedAtOf(StockKey key) {
        return books.stock(key).map(StockBalance::receivedAt).orElse(eventTime());
    }

    void changed(String key) {
        changedKeys.add(key);
    }

    void publish(OutboundMessage message) {
        messages.add(message);
    }

    /** Starts a journal entry of this event in the given plant. */
    EntryBuilder entry(String plant, String text) {
        return new EntryBuilder(plant, text);
    }

    Outcome.Posted posted() {
        return new Outcome.Posted(books.entries(), movements, messages, changedKeys);
    }

    /** Collects signed lines (debit positive) and posts them as one balanced entry. */
    final class EntryBuilder {
        private final String entryPlant;
        private final String text;
        private final List<JournalLine> lines = new ArrayList<>();
        private String reversalOf;
        private io.millrace.accounting.ledger.DocumentAmount document;

        private EntryBuilder(String entryPlant, String text) {
            this.entryPlant = entryPlant;
            this.text = text;
        }

        EntryBuilder line(String account, BigDecimal signedAmount, Dimensions dimensions) {
            BigDecimal amount = Amounts.money(signedAmount);
            if (amount.signum() > 0) {
                lines.add(JournalLine.debit(account, amount, dimensions));
            } else if (amount.signum() < 0) {
                lines.add(JournalLine.credit(account, amount.negate(), dimensions));
            }
            return this;
        }

        /** Marks the entry as the reversal of another. */
        EntryBuilder reversing(String entryId) {
            this.reversalOf = entryId;
            return this;
        }

        /** Keeps the document's own currency and amount on the entry. */
        EntryBuilder document(io.millrace.accounting.ledger.DocumentAmount amount) {
            this.document = amount;
            return this;
        }

        /** Debits {@code account} with the amount that balances the lines so far (e.g. a variance). */
        EntryBuilder balanceTo(String account, Dimensions dimensions) {
            BigDecimal sum = lines.stream().map(JournalLine::balance).reduce(BigDecimal.ZERO, BigDecimal::add);
            return line(account, sum.negate(), dimensions);
        }

        /** Posts the entry, unless every line came out zero; WIP lines move their order's balance. */
        void post() {
            if (lines.isEmpty()) {
                return;
            }
            entryCount++;
            JournalEntry entry = new JournalEntry(event.trackingId() + "-" + entryCount, entryPlant, postingDate,
                    null, late, new SourceEvent(event.trackingId(), event.source(), event.eventId(), event.type()),
                    event.correlationId(), event.actor(), text, lines, reversalOf, document);
            books.addEntry(entry);
            for (JournalLine line : lines) {
                if (line.account().equals(accounts().workInProcess()) && line.dimensions().order() != null) {
                    ProductionOrder order = books.order(line.dimensions().order()).orElseThrow();
                    books.saveOrder(order.withWip(order.wipBalance().add(line.balance())));
                }
            }
            publish(new OutboundMessage(OutboundMessage.JOURNAL_POSTED, entry.entryId(), entryPlant,
                    new OutboundMessage.JournalPosted(entry)));
        }
    }

    /** Location in the given plant, or the reason it is not. */
    Location locationIn(String code, String inPlant) {
        return lookups.location(code, inPlant);
    }
}
