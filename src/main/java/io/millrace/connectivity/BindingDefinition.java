package io.millrace.connectivity;

import java.util.List;
import java.util.Locale;

/**
 * What a binding says, as stored: its channel, where its messages come from ({@code topic}: an
 * MQTT topic filter or an inbox folder name), how they are read, the producer scope of the events
 * it makes and the JSONata mapping that makes them.
 */
public record BindingDefinition(Channel channel, String topic, Format format, CsvLayout csv, String source,
                                List<String> plants, List<String> eventTypes, String mapping) {

    public BindingDefinition {
        plants = List.copyOf(plants);
        eventTypes = List.copyOf(eventTypes);
        if (csv == null) {
            csv = CsvLayout.DEFAULT;
        }
    }

    /** The channel a binding's messages arrive on. */
    public enum Channel {
        MQTT, FILE, HTTP;

        public String jsonName() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    /** How a message is read before it is mapped. */
    public enum Format {
        JSON, CSV, XML;

        public String jsonName() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    /** The layout of CSV messages: the column delimiter and whether the first line names the columns. */
    public record CsvLayout(char delimiter, boolean header) {
        public static final CsvLayout DEFAULT = new CsvLayout(',', true);
    }

    /** The plant of an event that does not name one: the binding's, when it has exactly one. */
    public String defaultPlant() {
        return plants.size() == 1 && !plants.get(0).equals("*") ? plants.get(0) : null;
    }

    public boolean allowsPlant(String plant) {
        return plants.contains("*") || plants.contains(plant);
    }

    public boolean allowsType(String type) {
        return eventTypes.contains("*") || eventTypes.contains(type);
    }
}
