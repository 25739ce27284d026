package io.millrace.erp;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Turns journal entries (the data of {@code mfg.finance.journal.posted}) into ERP moves: one move
 * per entry, or one per summary with the lines of all its entries added up per account and party.
 * Accounts and parties go through the configured mapping; the party of a line is the customer
 * or supplier of its dimensions.
 */
final class EntryMoves {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final ErpProperties settings;

    EntryMoves(ErpProperties settings) {
        this.settings = settings;
    }

    static ErpDeliveries.NewDelivery newDelivery(String data, boolean summarised) {
        JsonNode entry = JSON.readTree(data);
        String entryId = entry.get("entryId").asString();
        return new ErpDeliveries.NewDelivery(entryId, entry.get("plant").asString(),
                LocalDate.parse(entry.get("postingDate").asString()), summarised ? null : entryId);
    }

    /** The move of one reference group: a single entry as it is, several entries summed. */
    MoveRequest move(String reference, List<Delivery> group) {
        if (group.size() == 1 && reference.equals(group.get(0).entryId())) {
            return single(reference, JSON.readTree(group.get(0).data()));
        }
        return summary(reference, group);
    }

    private MoveRequest single(String reference, JsonNode entry) {
        List<MoveRequest.Line> lines = new ArrayList<>();
        for (JsonNode line : entry.get("lines")) {
            lines.add(new MoveRequest.Line(settings.erpAccount(line.get("account").asString()),
                    line.get("debit").decimalValue(), line.get("credit").decimalValue(), party(line), null));
        }
        String text = entry.path("text").asString(null);
        return new MoveRequest(reference, LocalDate.parse(entry.get("postingDate").asString()), text, lines);
    }

    private MoveRequest summary(String reference, List<Delivery> group) {
        record Key(String account, String party) {
        }
        Map<Key, BigDecimal> net = new LinkedHashMap<>();
        LocalDate date = group.get(0).postingDate();
        for (Delivery d : group) {
            for (JsonNode line : JSON.readTree(d.data()).get("lines")) {
                Key key = new Key(settings.erpAccount(line.get("account").asString()), party(line));
                net.merge(key, line.get("debit").decimalValue().subtract(line.get("credit").decimalValue()),
                        BigDecimal::add);
            }
        }
        List<MoveRequest.Line> lines = new ArrayList<>();
        net.forEach((key, amount) -> {
            if (amount.signum() != 0) {
                lines.add(new MoveRequest.Line(key.account(), amount.max(BigDecimal.ZERO),
                        amount.negate().max(BigDecimal.ZERO), key.party(), null));
            }
        });
        if (lines.isEmpty()) {
            return null;
        }
        return new MoveRequest(reference, date, "Summary of " + group.size() + " journal entries", lines);
    }

    private String party(JsonNode line) {
        JsonNode dims = line.path("dimensions");
        String code = dims.path("customer").asString(null);
        if (code == null) {
            code = dims.path("supplier").asString(null);
        }
        return Objects.isNull(code) ? null : settings.erpParty(code);
    }
}
