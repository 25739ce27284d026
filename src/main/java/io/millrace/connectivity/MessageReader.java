package io.millrace.connectivity;

import io.millrace.catalog.EventJson;
import java.io.ByteArrayInputStream;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.MappingIterator;
import tools.jackson.dataformat.csv.CsvMapper;
import tools.jackson.dataformat.csv.CsvReadFeature;
import tools.jackson.dataformat.csv.CsvSchema;

/**
 * Reads the raw bytes of a message in a binding's format into what its mapping sees as
 * {@code message}: the parsed JSON, each CSV row as an object keyed by the header (or
 * {@code col1}, {@code col2}, … without one), or the XML document (see {@link XmlDocuments}).
 * A CSV message is one document per row; JSON and XML are one document.
 */
public final class MessageReader {

    private static final CsvMapper CSV = CsvMapper.builder().enable(CsvReadFeature.TRIM_SPACES)
            .enable(CsvReadFeature.SKIP_EMPTY_LINES).build();

    private MessageReader() {
    }

    /** One document to map; {@code row} counts data rows from 1 (CSV) and is null otherwise. */
    public record Document(Integer row, Object message) {
    }

    /** The message cannot be read in its format; {@code row} names the CSV row when known. */
    public static final class Unreadable extends RuntimeException {
        private final Integer row;

        Unreadable(Integer row, String message) {
            super(message);
            this.row = row;
        }

        public Integer row() {
            return row;
        }
    }

    public static List<Document> read(BindingDefinition binding, byte[] raw) {
        return switch (binding.format()) {
            case JSON -> List.of(new Document(null, json(raw)));
            case XML -> List.of(new Document(null, xml(raw)));
            case CSV -> csv(binding.csv(), raw);
        };
    }

    private static Object json(byte[] raw) {
        if (raw.length == 0) {
            throw new Unreadable(null, "the message is empty; expected JSON");
        }
        try {
            return EventJson.mapper().readValue(raw, Object.class);
        } catch (JacksonException ex) {
            var at = ex.getLocation();
            throw new Unreadable(null, "the message is not valid JSON" + (at == null || at.getLineNr() < 0 ? ""
                    : " at line " + at.getLineNr() + ", column " + at.getColumnNr()) + ": " + ex.getOriginalMessage());
        }
    }

    private static Object xml(byte[] raw) {
        try {
            return XmlDocuments.read(raw);
        } catch (XmlDocuments.NotXml ex) {
            throw new Unreadable(null, ex.getMessage());
        }
    }

    private static List<Document> csv(BindingDefinition.CsvLayout layout, byte[] raw) {
        CsvSchema schema = CsvSchema.emptySchema().withColumnSeparator(layout.delimiter());
        schema = layout.header() ? schema.withHeader() : schema.withoutHeader();
        List<Document> rows = new ArrayList<>();
        int row = 0;
        try (ByteArrayInputStream in = new ByteArrayInputStream(raw)) {
            if (layout.header()) {
                MappingIterator<Map<String, String>> it = CSV.readerFor(Map.class).with(schema).readValues(in);
                while (it.hasNextValue()) {
                    row++;
                    rows.add(new Document(row, new LinkedHashMap<String, Object>(it.nextValue())));
                }
            } else {
                MappingIterator<List<String>> it = CSV.readerFor(List.class).with(schema)
                        .with(CsvReadFeature.WRAP_AS_ARRAY).readValues(in);
                while (it.hasNextValue()) {
                    row++;
                    List<String> cells = it.nextValue();
                    Map<String, Object> named = new LinkedHashMap<>();
                    for (int i = 0; i < cells.size(); i++) {
                        named.put("col" + (i + 1), cells.get(i));
                    }
                    rows.add(new Document(row, named));
                }
            }
        } catch (JacksonException ex) {
            throw new Unreadable(row + 1, "row " + (row + 1) + " is not valid CSV: " + ex.getOriginalMessage());
        } catch (java.io.IOException ex) {
            throw new Unreadable(null, "the message cannot be read: " + ex.getMessage());
        }
        if (rows.isEmpty()) {
            throw new Unreadable(null, "the CSV message has no data rows");
        }
        return rows;
    }
}
