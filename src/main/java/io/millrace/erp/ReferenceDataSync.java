package io.millrace.erp;

import io.millrace.erp.ErpReferenceData.Refusal;
import io.millrace.masterdata.MasterDataUpserts;
import io.millrace.web.ApiProblem;
import io.millrace.web.FieldError;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Takes the ERP's reference data into Millrace's master data: everything at first, then what
 * changed after the latest ERP write date taken. The records are validated as
 * {@code PUT /api/v1/master-data} validates them; a record that fails is left out and reported
 * with the reason (as is one the ERP adapter could not map), and the rest is stored.
 */
final class ReferenceDataSync {

    static final String NAME = "reference-data";
    private static final Logger log = LoggerFactory.getLogger(ReferenceDataSync.class);
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final Pattern POINTER = Pattern.compile("^/([A-Za-z]+)/(\\d+)(/.*)?$");
    private static final int MAX_ROUNDS = 5;

    private final Erp erp;
    private final MasterDataUpserts upserts;
    private final ErpDeliveries state;
    private final Clock clock;
    private volatile List<Refusal> lastRefusals = List.of();

    ReferenceDataSync(Erp erp, MasterDataUpserts upserts, ErpDeliveries state, Clock clock) {
        this.erp = erp;
        this.upserts = upserts;
        this.state = state;
        this.clock = clock;
    }

    List<Refusal> lastRefusals() {
        return lastRefusals;
    }

    /** One synchronisation; answers the records not taken. Throws {@link ErpUnavailableException} when the ERP is down. */
    List<Refusal> run() {
        Instant since = state.sync(NAME).map(ErpDeliveries.SyncState::latestChange).orElse(null);
        ErpReferenceData data = erp.referenceData(since);
        List<Refusal> refusals = new ArrayList<>(data.refusals());
        ObjectNode document = document(data);
        int stored = 0;
        for (int round = 0; round < MAX_ROUNDS && !document.isEmpty(); round++) {
            try {
                upserts.upsertDocument(document, "erp:" + NAME);
                stored = count(document);
                break;
            } catch (ApiProblem problem) {
                if (problem.errors().isEmpty() || !dropRefused(document, problem.errors(), refusals)) {
                    refusals.add(new Refusal("master-data", "all", problem.getMessage()));
                    break;
                }
            }
        }
        lastRefusals = List.copyOf(refusals);
        String outcome = stored + " record(s) taken, " + refusals.size() + " refused";
        state.recordSync(NAME, data.latestChange(), clock.instant(), outcome);
        if (!refusals.isEmpty()) {
            log.warn("ERP reference data: {}: {}", outcome, refusals);
        }
        return refusals;
    }

    static ObjectNode document(ErpReferenceData data) {
        ObjectNode document = JSON.createObjectNode();
        put(document, "plants", data.plants());
        put(document, "locations", data.locations());
        put(document, "items", data.items());
        put(document, "boms", data.boms());
        put(document, "suppliers", data.suppliers());
        put(document, "customers", data.customers());
        put(document, "purchaseOrders", data.purchaseOrders());
        put(document, "salesOrders", data.salesOrders());
        return document;
    }

    private static void put(ObjectNode document, String kind, List<?> records) {
        if (!records.isEmpty()) {
            document.set(kind, JSON.valueToTree(records));
        }
    }

    /** Removes the records the errors point at, as refusals; false when no error points at a record. */
    private static boolean dropRefused(ObjectNode document, List<FieldError> errors, List<Refusal> refusals) {
        record At(String kind, int index) {
        }
        List<At> drop = new ArrayList<>();
        for (FieldError error : errors) {
            Matcher m = error.pointer() == null ? null : POINTER.matcher(error.pointer());
            if (m == null || !m.matches() || !document.path(m.group(1)).isArray()) {
                return false;
            }
            At at = new At(m.group(1), Integer.parseInt(m.group(2)));
            JsonNode record = document.get(at.kind()).path(at.index());
            refusals.add(new Refusal(at.kind(), describe(record), error.message()));
            if (!drop.contains(at)) {
                drop.add(at);
            }
        }
        drop.sort((a, b) -> Integer.compare(b.index(), a.index()));
        for (At at : drop) {
            ((ArrayNode) document.get(at.kind())).remove(at.index());
        }
        document.properties().removeIf(e -> e.getValue().isArray() && e.getValue().isEmpty());
        return true;
    }

    private static String describe(JsonNode record) {
        for (String key : List.of("code", "number", "item")) {
            if (record.hasNonNull(key)) {
                return record.get(key).asString();
            }
        }
        return record.toString();
    }

    private static int count(ObjectNode document) {
        int n = 0;
        for (JsonNode kind : document) {
            n += kind.size();
        }
        return n;
    }
}
