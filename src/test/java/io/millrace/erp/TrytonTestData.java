package io.millrace.erp;

import io.millrace.erp.tryton.TrytonClient;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import tools.jackson.databind.JsonNode;

/** Test data put into Tryton through its JSON-RPC API. */
public final class TrytonTestData {

    private TrytonTestData() {
    }

    /** Creates the parties (code → name) that do not exist yet. */
    public static void parties(TrytonClient client, Map<String, String> parties) {
        List<Map<String, String>> missing = new ArrayList<>();
        parties.forEach((code, name) -> {
            if (client.model("party.party", "search", List.of(List.of("code", "=", code)), 0, 1, null).isEmpty()) {
                missing.add(Map.of("code", code, "name", name));
            }
        });
        if (!missing.isEmpty()) {
            client.model("party.party", "create", missing);
        }
    }

    /** Calls {@code close} or {@code reopen} on the standard period of the month. */
    public static void period(TrytonClient client, YearMonth month, String action) {
        JsonNode ids = client.model("account.period", "search", List.of(List.of("name", "=", month.toString()),
                List.of("type", "=", "standard")), 0, 1, null);
        client.model("account.period", action, List.of(ids.get(0).asLong()));
    }

    /** How many moves carry the reference. */
    public static long moves(TrytonClient client, String reference) {
        return client.model("account.move", "search_count", List.of(List.of("description", "=", reference))).asLong();
    }
}
