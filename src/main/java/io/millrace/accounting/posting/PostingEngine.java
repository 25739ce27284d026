package io.millrace.accounting.posting;

import io.millrace.accounting.books.Books;
import io.millrace.accounting.event.CountAdjusted;
import io.millrace.accounting.event.EventContext;
import io.millrace.accounting.event.GoodsReceived;
import io.millrace.accounting.event.InvoiceReceived;
import io.millrace.accounting.event.LotHeld;
import io.millrace.accounting.event.LotRejected;
import io.millrace.accounting.event.LotReleased;
import io.millrace.accounting.event.ManufacturingEvent;
import io.millrace.accounting.event.MaterialConsumed;
import io.millrace.accounting.event.OperationConfirmed;
import io.millrace.accounting.event.OrderClosed;
import io.millrace.accounting.event.OrderCompleted;
import io.millrace.accounting.event.OrderReleased;
import io.millrace.accounting.event.ReversalRequested;
import io.millrace.accounting.event.ScrapDeclared;
import io.millrace.accounting.event.ShipmentConfirmed;
import io.millrace.accounting.event.StockTransferred;
import io.millrace.accounting.event.TransferReceived;
import io.millrace.accounting.master.MasterData;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;

/**
 * Applies one accepted event to the books by the rules of postings.md. Everything is computed
 * first against a buffer; only a {@link Outcome.Posted} outcome writes to the books, so a parked
 * or rejected event changes nothing. Run each call inside one transaction of the books' store;
 * the engine itself holds no state between calls.
 */
public final class PostingEngine {

    private final MasterData master;
    private final Books books;
    private final PostingSettings settings;
    private final PostedEvents history;
    private final Map<Class<?>, PostingRule<?>> rules = new HashMap<>();

    /** An engine whose reversals find no event to reverse. */
    public PostingEngine(MasterData master, Books books, PostingSettings settings) {
        this(master, books, settings, PostedEvents.none());
    }

    /** An engine that finds the events reversals name through {@code history}. */
    public PostingEngine(MasterData master, Books books, PostingSettings settings, PostedEvents history) {
        this.history = Objects.requireNonNull(history, "history");
        this.master = Objects.requireNonNull(master, "master");
        this.books = Objects.requireNonNull(books, "books");
        this.settings = Objects.requireNonNull(settings, "settings");
        rules.put(OrderReleased.class, new OrderReleasedRule());
        rules.put(MaterialConsumed.class, new MaterialConsumedRule());
        rules.put(OperationConfirmed.class, new OperationConfirmedRule());
        rules.put(ScrapDeclared.class, new ScrapDeclaredRule());
        rules.put(OrderCompleted.class, new OrderCompletedRule());
        rules.put(OrderClosed.class, new OrderClosedRule());
        rules.put(LotHeld.class, new LotHeldRule());
        rules.put(LotReleased.class, new LotReleasedRule());
        rules.put(LotRejected.class, new LotRejectedRule());
        rules.put(GoodsReceived.class, new GoodsReceivedRule());
        rules.put(InvoiceReceived.class, new InvoiceReceivedRule(false));
        rules.put(ShipmentConfirmed.class, new ShipmentConfirmedRule());
        rules.put(StockTransferred.class, new StockTransferredRule());
        rules.put(CountAdjusted.class, new CountAdjustedRule());
        rules.put(TransferReceived.class, new TransferReceivedRule());
    }

    public PostingSettings settings() {
        return settings;
    }

    /** Applies one event: posted, parked (waiting) or rejected; anything but posted changes nothing. */
    public Outcome apply(EventContext context, ManufacturingEvent event) {
        if (event instanceof ReversalRequested reversal) {
            return reverse(context, reversal);
        }
        return run(context, event, rule(event), context);
    }

    /**
     * A reversal posts in the period of the event it reverses when that is open, else in the first
     * open period after it (marked late).
     */
    private Outcome reverse(EventContext context, ReversalRequested reversal) {
        java.util.Optional<ReversalTarget> target = history.find(reversal.trackingId());
        return run(context, reversal, new ReversalRule(target.orElse(null)),
                target.map(ReversalTarget::context).orElse(context));
    }

    /**
     * An operator's approval of an invoice whose three-way match failed (or whose quantity never
     * arrived): posts it as invoiced, attributed to {@code operator}. Master-data errors still reject.
     */
    public Outcome approve(EventContext context, InvoiceReceived invoice, String operator) {
        EventContext approved = context.withActor(operator);
        return run(approved, invoice, new InvoiceReceivedRule(true), approved);
    }

    @SuppressWarnings("unchecked")
    private <E extends ManufacturingEvent> PostingRule<E> rule(E event) {
        return (PostingRule<E>) Objects.requireNonNull(rules.get(event.getClass()), event.getClass().getName());
    }

    private <E extends ManufacturingEvent> Outcome run(EventContext context, E event, PostingRule<E> rule,
                                                       EventContext datedBy) {
        Workspace workspace = new Workspace(books);
        try {
            new Lookups(master, context.plant()).plant(context.plant());
            PostingDate date = postingDate(datedBy);
            PostingContext posting = new PostingContext(context, master, settings, workspace, date.date(), date.late());
            rule.apply(event, posting);
            Outcome.Posted posted = posting.posted();
            workspace.commit();
            return posted;
        } catch (Refusal refusal) {
            return refusal.toOutcome();
        }
    }

    /**
     * The event's day in the period zone; when its month is closed, the first day of the first
     * open month after it, marked late.
     */
    PostingDate postingDate(EventContext context) {
        LocalDate day = LocalDate.ofInstant(context.eventTime(), settings.periodZone());
        YearMonth period = YearMonth.from(day);
        if (!books.periods().isClosed(period)) {
            return new PostingDate(day, false);
        }
        while (books.periods().isClosed(period)) {
            period = period.plusMonths(1);
        }
        return new PostingDate(period.atDay(1), true);
    }

    record PostingDate(LocalDate date, boolean late) {
    }
}
