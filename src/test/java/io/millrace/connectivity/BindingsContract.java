package io.millrace.connectivity;

import static org.assertj.core.api.Assertions.assertThat;

import io.millrace.connectivity.BindingDefinition.Channel;
import io.millrace.connectivity.BindingDefinition.Format;
import java.time.Instant;
import java.util.List;

/** What every {@link Bindings} adapter does, run against each. */
final class BindingsContract {

    private BindingsContract() {
    }

    static BindingDefinition definition(String topic) {
        return new BindingDefinition(Channel.MQTT, topic, Format.CSV, new BindingDefinition.CsvLayout(';', false),
                "urn:millrace:plant:P1:gw", List.of("P1"), List.of("*"), "{'type': message.col1}");
    }

    static void versionsCountOnAcrossChangesAndDeletions(Bindings bindings) {
        Instant at = Instant.parse("2026-11-26T08:00:00Z");
        long token = bindings.changeToken();
        assertThat(bindings.save("line", definition("a/+"), at, "k1")).isEqualTo(1);
        assertThat(bindings.save("line", definition("b/#"), at, "k1")).isEqualTo(2);
        assertThat(bindings.changeToken()).isNotEqualTo(token);

        Bindings.StoredVersion live = bindings.live().stream().filter(v -> v.name().equals("line")).findFirst()
                .orElseThrow();
        assertThat(live.version()).isEqualTo(2);
        assertThat(live.definition()).isEqualTo(definition("b/#"));
        assertThat(live.changedBy()).isEqualTo("k1");

        assertThat(bindings.delete("line", at, "k2")).isTrue();
        assertThat(bindings.delete("line", at, "k2")).isFalse();
        assertThat(bindings.live()).noneMatch(v -> v.name().equals("line"));
        assertThat(bindings.save("line", definition("c"), at, "k3")).isEqualTo(4);
        assertThat(bindings.delete("never", at, "k2")).isFalse();
    }
}
