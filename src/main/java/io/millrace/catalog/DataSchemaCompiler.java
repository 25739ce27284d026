package io.millrace.catalog;

import com.networknt.schema.Schema;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SchemaRegistryConfig;
import com.networknt.schema.dialect.Dialect;
import com.networknt.schema.dialect.Dialects;
import com.networknt.schema.path.PathType;
import tools.jackson.databind.JsonNode;

/**
 * Compiles the catalog's data schemas once, at start-up, with the draft 2020-12 dialect whose
 * {@code multipleOf} is {@link MaxDecimalsKeyword}. Compiled schemas are immutable and shared by
 * all request threads.
 */
final class DataSchemaCompiler {

    private final SchemaRegistry registry;

    DataSchemaCompiler() {
        Dialect dialect = Dialect.builder(Dialects.getDraft202012())
                .keyword(new MaxDecimalsKeyword())
                .keywords(ExactBoundKeyword.all())
                .build();
        SchemaRegistryConfig config = SchemaRegistryConfig.builder()
                .pathType(PathType.JSON_POINTER)
                .preloadSchema(true)
                .cacheRefs(true)
                .formatAssertionsEnabled(false)
                .build();
        this.registry = SchemaRegistry.withDialect(dialect, builder -> builder.schemaRegistryConfig(config));
    }

    Schema compile(String id, JsonNode schemaNode) {
        Schema schema = registry.getSchema(SchemaLocation.of(id), schemaNode);
        schema.initializeValidators();
        return schema;
    }
}
