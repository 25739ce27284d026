package io.millrace.catalog;

import tools.jackson.core.StreamReadFeature;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.cfg.JsonNodeFeature;
import tools.jackson.databind.json.JsonMapper;

/**
 * The JSON reading that the catalog's rules assume: numbers with a fraction or exponent become
 * {@link java.math.BigDecimal} exactly as sent (trailing zeros kept, never a binary double),
 * integers stay exact, and a duplicated member name is an error rather than a silent overwrite.
 */
public final class EventJson {

    private static final JsonMapper MAPPER = JsonMapper.builder()
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
            .enable(JsonNodeFeature.USE_BIG_DECIMAL_FOR_FLOATS)
            .disable(JsonNodeFeature.STRIP_TRAILING_BIGDECIMAL_ZEROES)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .build();

    private EventJson() {
    }

    /** A shared, thread-safe mapper reading events the way {@link EventCatalog#validate} expects. */
    public static JsonMapper mapper() {
        return MAPPER;
    }
}
