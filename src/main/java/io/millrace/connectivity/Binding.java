package io.millrace.connectivity;

import java.time.Instant;

/** A stored binding: one version of its definition, with its compiled mapping. */
public record Binding(String name, int version, BindingDefinition definition, Mapping mapping, Instant changedAt,
                      String changedBy) {

    /** The producer key id events of this binding are recorded under when no key sent them (MQTT, files). */
    public String producerKeyId() {
        return "binding:" + name;
    }
}
