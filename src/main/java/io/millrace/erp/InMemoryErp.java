package io.millrace.erp;

import io.millrace.accounting.master.Bom;
import io.millrace.accounting.master.Customer;
import io.millrace.accounting.master.Item;
import io.millrace.accounting.master.Location;
import io.millrace.accounting.master.Plant;
import io.millrace.accounting.master.PurchaseOrder;
import io.millrace.accounting.master.SalesOrder;
import io.millrace.accounting.master.Supplier;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * An ERP held in memory, for tests and for running the hub without a real ERP: a chart of
 * accounts, parties, monthly periods that can be closed, moves found by reference, and reference
 * data and released orders that tests put in. It refuses what a real ledger refuses: unknown
 * accounts or parties, a missing party on an account that needs one, a closed period.
 */
public class InMemoryErp implements Erp {

    private record Stored(ErpMove move, MoveRequest request) {
    }

    private final String name;
    private final Map<String, Boolean> accounts = new LinkedHashMap<>();
    private final Set<String> parties = new HashSet<>();
    private final Set<YearMonth> closed = new HashSet<>();
    private final Map<String, Stored> moves = new LinkedHashMap<>();
    private final List<ReleasedOrder> orders = new ArrayList<>();
    private ErpReferenceData referenceData = new ErpReferenceData(List.of(), List.of(), List.of(), List.of(),
            List.of(), List.of(), List.of(), List.of(), List.of(), null);
    private long nextId = 1;
    private boolean down;

    public InMemoryErp(String name) {
        this.name = name;
    }

    /** Adds an account; {@code partyRequired} as for receivable and payable accounts. */
    public synchronized InMemoryErp account(String code, boolean partyRequired) {
        accounts.put(code, partyRequired);
        return this;
    }

    public synchronized InMemoryErp party(String code) {
        parties.add(code);
        return this;
    }

    public synchronized void closePeriod(YearMonth period) {
        closed.add(period);
    }

    public synchronized void reopenPeriod(YearMonth period) {
        closed.remove(period);
    }

    /** While down, every call fails as unavailable. */
    public synchronized void down(boolean isDown) {
        this.down = isDown;
    }

    public synchronized void referenceData(ErpReferenceData data) {
        this.referenceData = data;
    }

    public synchronized void release(ReleasedOrder order) {
        orders.add(order);
    }

    /** How many moves carry the reference (for tests counting duplicates). */
    public synchronized long count(String reference) {
        return moves.containsKey(reference) ? 1 : 0;
    }

    public synchronized int moveCount() {
        return moves.size();
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public synchronized ErpReferenceData referenceData(Instant since) {
        available();
        if (since != null && referenceData.latestChange() != null && !referenceData.latestChange().isAfter(since)) {
            return new ErpReferenceData(List.<Plant>of(), List.<Location>of(), List.<Item>of(), List.<Bom>of(),
                    List.<Supplier>of(), List.<Customer>of(), List.<PurchaseOrder>of(), List.<SalesOrder>of(),
                    List.of(), since);
        }
        return referenceData;
    }

    @Override
    public synchronized List<ReleasedOrder> releasedProductionOrders(Instant since) {
        available();
        return orders.stream().filter(o -> since == null || o.revision().isAfter(since)).toList();
    }

    @Override
    public synchronized List<ErpMove> movesByReference(Collection<String> references) {
        available();
        return references.stream().filter(moves::containsKey).map(r -> moves.get(r).move()).toList();
    }

    @Override
    public synchronized List<ErpMove> createAndPost(List<MoveRequest> requests) {
        available();
        for (MoveRequest request : requests) {
            check(request);
        }
        List<ErpMove> created = new ArrayList<>();
        for (MoveRequest request : requests) {
            long id = nextId++;
            ErpMove move = new ErpMove(request.reference(), id, "M" + id, true);
            moves.put(request.reference(), new Stored(move, request));
            created.add(move);
        }
        return created;
    }

    @Override
    public synchronized List<ErpMove> post(List<ErpMove> drafts) {
        available();
        List<ErpMove> posted = new ArrayList<>();
        for (ErpMove draft : drafts) {
            Stored stored = moves.get(draft.reference());
            if (stored == null) {
                throw new ErpRefusedException("there is no move " + draft.id());
            }
            ErpMove move = new ErpMove(draft.reference(), stored.move().id(), stored.move().number(), true);
            moves.put(draft.reference(), new Stored(move, stored.request()));
            posted.add(move);
        }
        return posted;
    }

    @Override
    public synchronized Map<String, BigDecimal> balances(Collection<String> accountCodes, LocalDate from,
                                                         LocalDate to) {
        available();
        Map<String, BigDecimal> result = new LinkedHashMap<>();
        for (String code : accountCodes) {
            if (accounts.containsKey(code)) {
                result.put(code, BigDecimal.ZERO.setScale(2));
            }
        }
        for (Stored stored : moves.values()) {
            LocalDate date = stored.request().date();
            if (!stored.move().posted() || date.isBefore(from) || date.isAfter(to)) {
                continue;
            }
            for (MoveRequest.Line line : stored.request().lines()) {
                result.computeIfPresent(line.account(), (k, v) -> v.add(line.debit()).subtract(line.credit()));
            }
        }
        return result;
    }

    @Override
    public synchronized Map<String, BigDecimal> balancesOfMoves(Collection<String> references) {
        available();
        Map<String, BigDecimal> result = new LinkedHashMap<>();
        for (String reference : references) {
            Stored stored = moves.get(reference);
            if (stored == null || !stored.move().posted()) {
                continue;
            }
            for (MoveRequest.Line line : stored.request().lines()) {
                result.merge(line.account(), line.debit().subtract(line.credit()), BigDecimal::add);
            }
        }
        return result;
    }

    private void check(MoveRequest request) {
        if (closed.contains(YearMonth.from(request.date()))) {
            throw new ErpRefusedException("period " + YearMonth.from(request.date()) + " is closed");
        }
        for (MoveRequest.Line line : request.lines()) {
            Boolean partyRequired = accounts.get(line.account());
            if (partyRequired == null) {
                throw new ErpRefusedException("account " + line.account() + " does not exist");
            }
            if (partyRequired && line.party() != null && !parties.contains(line.party())) {
                throw new ErpRefusedException("party " + line.party() + " does not exist");
            }
            if (partyRequired && line.party() == null) {
                throw new ErpRefusedException("account " + line.account() + " needs a party");
            }
        }
    }

    private void available() {
        if (down) {
            throw new ErpUnavailableException(name + " is down", false, null);
        }
    }
}
