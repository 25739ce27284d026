package io.millrace.catalog;

import com.networknt.schema.ExecutionContext;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaContext;
import com.networknt.schema.SchemaException;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.keyword.AbstractKeyword;
import com.networknt.schema.keyword.BaseKeywordValidator;
import com.networknt.schema.keyword.KeywordValidator;
import com.networknt.schema.path.NodePath;
import java.math.BigDecimal;
import java.util.List;
import tools.jackson.databind.JsonNode;

/**
 * {@code minimum}, {@code exclusiveMinimum}, {@code maximum} and {@code exclusiveMaximum} compared
 * on exact decimals. The library narrows integer bounds to {@code long} and fails with an
 * exception on an instance such as {@code 1e999999999}; comparing {@link BigDecimal}s is exact and
 * cheap for any exponent.
 */
final class ExactBoundKeyword extends AbstractKeyword {

    private final boolean lower;
    private final boolean inclusive;

    private ExactBoundKeyword(String keyword, boolean lower, boolean inclusive) {
        super(keyword);
        this.lower = lower;
        this.inclusive = inclusive;
    }

    static List<ExactBoundKeyword> all() {
        return List.of(new ExactBoundKeyword("minimum", true, true),
                new ExactBoundKeyword("exclusiveMinimum", true, false),
                new ExactBoundKeyword("maximum", false, true),
                new ExactBoundKeyword("exclusiveMaximum", false, false));
    }

    @Override
    public KeywordValidator newValidator(SchemaLocation location, JsonNode schemaNode, Schema parent,
                                         SchemaContext context) {
        if (!schemaNode.isNumber()) {
            throw new SchemaException(getValue() + " must be a number, got " + schemaNode);
        }
        return new Validator(this, schemaNode, location, parent, context);
    }

    private boolean accepts(BigDecimal value, BigDecimal bound) {
        int comparison = value.compareTo(bound);
        if (lower) {
            return inclusive ? comparison >= 0 : comparison > 0;
        }
        return inclusive ? comparison <= 0 : comparison < 0;
    }

    private static final class Validator extends BaseKeywordValidator {

        private final ExactBoundKeyword keyword;
        private final BigDecimal bound;

        Validator(ExactBoundKeyword keyword, JsonNode schemaNode, SchemaLocation location, Schema parent,
                  SchemaContext context) {
            super(keyword, schemaNode, location, parent, context);
            this.keyword = keyword;
            this.bound = schemaNode.decimalValue();
        }

        @Override
        public void validate(ExecutionContext context, JsonNode node, JsonNode root, NodePath instanceLocation) {
            if (!node.isNumber() || keyword.accepts(node.decimalValue(), bound)) {
                return;
            }
            context.addError(error().instanceNode(node).instanceLocation(instanceLocation)
                    .evaluationPath(context.getEvaluationPath())
                    .locale(context.getExecutionConfig().getLocale())
                    .arguments(bound.toPlainString())
                    .build());
        }
    }
}
