package io.millrace.erp.tryton;

import io.millrace.erp.Erp;
import io.millrace.erp.ErpMove;
import io.millrace.erp.ErpReferenceData;
import io.millrace.erp.ErpRefusedException;
import io.millrace.erp.MoveRequest;
import io.millrace.erp.ReferenceMapping;
import io.millrace.erp.ReleasedOrder;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The ERP port over a Tryton 6.0 database. A move carries its reference (the Millrace entry id)
 * in its {@code description}, Tryton 6.0 having no free-text reference on moves; each line
 * carries it too. Moves are created in the configured journal in the period of their date, with
 * account and party found by code, and posted.
 */
public class TrytonErp implements Erp {

    private static final List<String> MOVE_FIELDS = List.of("id", "number", "post_number", "state", "description");

    private final TrytonClient client;
    private final String journalCode;
    private final TrytonReferenceReader reader;
    private final Map<String, Account> accounts = new ConcurrentHashMap<>();
    private final Map<String, Long> parties = new ConcurrentHashMap<>();
    private final Map<LocalDate, Long> periods = new ConcurrentHashMap<>();
    private volatile Long journal;

    record Account(long id, boolean partyRequired) {
    }

    public TrytonErp(TrytonClient client, String journalCode, ReferenceMapping mapping) {
        this.client = client;
        this.journalCode = journalCode;
        this.reader = new TrytonReferenceReader(client, mapping);
    }

    @Override
    public String name() {
        return "tryton:" + client.database();
    }

    public TrytonClient client() {
        return client;
    }

    @Override
    public ErpReferenceData referenceData(Instant since) {
        return reader.read(since);
    }

    @Override
    public List<ReleasedOrder> releasedProductionOrders(Instant since) {
        return reader.releasedOrders(since);
    }

    @Override
    public List<ErpMove> movesByReference(Collection<String> references) {
        if (references.isEmpty()) {
            return List.of();
        }
        JsonNode rows = client.model("account.move", "search_read",
                List.of(List.of("description", "in", List.copyOf(references))), 0, null, null, MOVE_FIELDS);
        List<ErpMove> found = new ArrayList<>();
        rows.forEach(row -> found.add(move(row)));
        return found;
    }

    @Override
    public List<ErpMove> createAndPost(List<MoveRequest> moves) {
        if (moves.isEmpty()) {
            return List.of();
        }
        List<ObjectNode> values = new ArrayList<>(moves.size());
        for (MoveRequest move : moves) {
            values.add(values(move));
        }
        JsonNode created = client.model("account.move", "create", values);
        List<Long> ids = new ArrayList<>();
        created.forEach(id -> ids.add(id.asLong()));
        client.model("account.move", "post", ids);
        return read(ids);
    }

    @Override
    public List<ErpMove> post(List<ErpMove> drafts) {
        if (drafts.isEmpty()) {
            return List.of();
        }
        List<Long> ids = drafts.stream().map(ErpMove::id).toList();
        List<Long> unposted = read(ids).stream().filter(m -> m != null && !m.posted()).map(ErpMove::id).toList();
        if (!unposted.isEmpty()) {
            client.model("account.move", "post", unposted);
        }
        return read(ids);
    }

    @Override
    public Map<String, BigDecimal> balances(Collection<String> accountCodes, LocalDate from, LocalDate to) {
        JsonNode rows = client.model("account.account", "search_read",
                List.of(List.of("code", "in", List.copyOf(accountCodes))), 0, null, null,
                List.of("id", "code"));
        List<Long> ids = new ArrayList<>();
        rows.forEach(r -> ids.add(r.get("id").asLong()));
        ObjectNode context = TrytonClient.JSON.createObjectNode();
        context.set("from_date", TrytonValues.date(from));
        context.set("to_date", TrytonValues.date(to));
        context.put("posted", true);
        JsonNode amounts = client.modelWithContext("account.account", "read", context, ids,
                List.of("code", "debit", "credit"));
        Map<String, BigDecimal> balances = new LinkedHashMap<>();
        amounts.forEach(r -> balances.put(r.get("code").asString(),
                TrytonValues.toDecimal(r.get("debit")).subtract(TrytonValues.toDecimal(r.get("credit")))));
        return balances;
    }

    @Override
    public Map<String, BigDecimal> balancesOfMoves(Collection<String> references) {
        Map<String, BigDecimal> balances = new LinkedHashMap<>();
        List<String> all = List.copyOf(references);
        for (int from = 0; from < all.size(); from += 500) {
            List<String> chunk = all.subList(from, Math.min(all.size(), from + 500));
            JsonNode lines = client.model("account.move.line", "search_read",
                    List.of(List.of("move.description", "in", chunk), List.of("move.state", "=", "posted")), 0, null,
                    null, List.of("account.code", "debit", "credit"));
            lines.forEach(l -> balances.merge(l.path("account.").path("code").asString(),
                    TrytonValues.toDecimal(l.get("debit")).subtract(TrytonValues.toDecimal(l.get("credit"))),
                    BigDecimal::add));
        }
        return balances;
    }

    private List<ErpMove> read(List<Long> ids) {
        JsonNode rows = client.model("account.move", "read", ids, MOVE_FIELDS);
        Map<Long, ErpMove> byId = new HashMap<>();
        rows.forEach(row -> byId.put(row.get("id").asLong(), move(row)));
        return ids.stream().map(byId::get).toList();
    }

    private static ErpMove move(JsonNode row) {
        String number = row.path("post_number").isNull() || row.path("post_number").isMissingNode()
                ? row.path("number").asString(null) : row.get("post_number").asString();
        return new ErpMove(row.path("description").asString(null), row.get("id").asLong(), number,
                "posted".equals(row.path("state").asString()));
    }

    private ObjectNode values(MoveRequest move) {
        ObjectNode v = TrytonClient.JSON.createObjectNode();
        v.put("journal", journal());
        v.put("period", period(move.date()));
        v.set("date", TrytonValues.date(move.date()));
        v.put("description", move.reference());
        ArrayNode create = v.putArray("lines").addArray().add("create").addArray();
        for (MoveRequest.Line line : move.lines()) {
            Account account = account(line.account());
            ObjectNode l = create.addObject();
            l.put("account", account.id());
            l.set("debit", TrytonValues.decimal(line.debit()));
            l.set("credit", TrytonValues.decimal(line.credit()));
            l.put("description", line.text() == null ? move.reference() : move.reference() + " " + line.text());
            if (account.partyRequired() && line.party() != null) {
                l.put("party", party(line.party()));
            } else if (account.partyRequired()) {
                throw new ErpRefusedException("account " + line.account() + " of move " + move.reference()
                        + " needs a party in Tryton, and the entry names no customer or supplier");
            }
        }
        return v;
    }

    private long journal() {
        Long known = journal;
        if (known == null) {
            JsonNode found = client.model("account.journal", "search", List.of(List.of("code", "=", journalCode)),
                    0, 1, null);
            if (found.isEmpty()) {
                throw new ErpRefusedException("Tryton has no journal with code " + journalCode);
            }
            known = found.get(0).asLong();
            journal = known;
        }
        return known;
    }

    private Account account(String code) {
        Account known = accounts.get(code);
        if (known == null) {
            JsonNode found = client.model("account.account", "search_read", List.of(List.of("code", "=", code)),
                    0, 1, null, List.of("id", "party_required"));
            if (found.isEmpty()) {
                throw new ErpRefusedException("Tryton has no account with code " + code);
            }
            known = new Account(found.get(0).get("id").asLong(), TrytonValues.truthy(found.get(0).get("party_required")));
            accounts.put(code, known);
        }
        return known;
    }

    private long party(String code) {
        Long known = parties.get(code);
        if (known == null) {
            JsonNode found = client.model("party.party", "search", List.of(List.of("code", "=", code)), 0, 1, null);
            if (found.isEmpty()) {
                throw new ErpRefusedException("Tryton has no party with code " + code);
            }
            known = found.get(0).asLong();
            parties.put(code, known);
        }
        return known;
    }

    /** The standard period of the date, whatever its state: a closed one makes Tryton refuse with its own message. */
    private long period(LocalDate date) {
        Long known = periods.get(date);
        if (known == null) {
            ObjectNode day = TrytonValues.date(date);
            JsonNode found = client.model("account.period", "search", List.of(List.of("start_date", "<=", day),
                    List.of("end_date", ">=", day), List.of("type", "=", "standard")), 0, 1, null);
            if (found.isEmpty()) {
                throw new ErpRefusedException("Tryton has no accounting period for " + date);
            }
            known = found.get(0).asLong();
            periods.put(date, known);
        }
        return known;
    }
}
