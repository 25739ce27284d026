package io.millrace.pipeline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.millrace.accounting.posting.ReasonCode;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** The reason an event waits or failed: stored and shown by the same name as when it was a string. */
class ReasonTest {

    @Test
    void everyKnownReasonReadsBackFromTheNameItIsStoredBy() {
        for (Reason reason : known()) {
            assertThat(Reason.of(reason.name())).as(reason.name()).isEqualTo(reason);
        }
        assertThat(Reason.of(ReasonCode.NEGATIVE_STOCK).name()).isEqualTo("NEGATIVE_STOCK");
        assertThat(Reason.Pipeline.INTERNAL_ERROR.name()).isEqualTo("INTERNAL_ERROR");
        assertThat(Reason.Pipeline.EARLIER_EVENT_PARKED.name()).isEqualTo("EARLIER_EVENT_PARKED");
    }

    @Test
    void aNameThisVersionDoesNotKnowIsKeptAsItIsAndNothingWaitsForItOrApprovesIt() {
        Reason older = Reason.of("PRICE_LIST_MISSING");

        assertThat(older).isEqualTo(new Reason.Unrecognized("PRICE_LIST_MISSING"));
        assertThat(older.name()).isEqualTo("PRICE_LIST_MISSING");
        assertThat(Reason.of(older.name())).isEqualTo(older);
        assertThat(older.waits()).isFalse();
        assertThat(older.approvable()).isFalse();
    }

    @Test
    void aKnownNameIsNeverTakenForAnUnrecognizedOne() {
        assertThatThrownBy(() -> new Reason.Unrecognized("THREE_WAY_MATCH_FAILED"))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new Reason.Unrecognized("INTERNAL_ERROR"))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void onlyAFailedThreeWayMatchMayBeApproved() {
        assertThat(known()).filteredOn(Reason::approvable).extracting(Reason::name)
                .containsExactlyInAnyOrder("THREE_WAY_MATCH_FAILED", "INVOICE_QUANTITY_NOT_RECEIVED");
    }

    @Test
    void anEventWaitsWhenTheCoreSaysSoOrWhenAnEarlierEventOfItsKeyIsParked() {
        for (ReasonCode code : ReasonCode.values()) {
            assertThat(Reason.of(code).waits()).as(code.name()).isEqualTo(code.waits());
        }
        assertThat(Reason.Pipeline.EARLIER_EVENT_PARKED.waits()).isTrue();
        assertThat(Reason.Pipeline.INTERNAL_ERROR.waits()).isFalse();
    }

    @Test
    void theAuditLogAndTheConsoleSeeTheNameNotTheType() {
        ExceptionItem item = new ExceptionItem(UUID.randomUUID(), UUID.randomUUID(), 7, "t", "P100",
                Reason.of(ReasonCode.UNKNOWN_ITEM), "no item RM-X", Instant.parse("2026-11-30T12:00:00Z"),
                ExceptionStatus.OPEN, null, null);

        JsonNode json = JsonMapper.builder().build().valueToTree(item);

        assertThat(json.get("reason").isString()).as(json.toString()).isTrue();
        assertThat(json.get("reason").asString()).isEqualTo("UNKNOWN_ITEM");
        for (Reason reason : List.of(Reason.of(ReasonCode.UNKNOWN_ITEM), Reason.Pipeline.INTERNAL_ERROR,
                Reason.of("PRICE_LIST_MISSING"))) {
            assertThat(JsonMapper.builder().build().writeValueAsString(reason)).isEqualTo("\"" + reason.name() + "\"");
            assertThat(reason).hasToString(reason.name());
        }
    }

    private static List<Reason> known() {
        List<Reason> known = new ArrayList<>(Arrays.stream(ReasonCode.values()).map(Reason::of).toList());
        known.addAll(List.of(Reason.Pipeline.values()));
        return known;
    }
}
