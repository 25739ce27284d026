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
import java.math.BigInteger;
import tools.jackson.databind.JsonNode;

/**
 * {@code multipleOf} for the catalog's powers of ten ({@code 0.000001}, {@code 0.0001}), checked
 * on the exact decimal as the count of decimals. The library's own check divides, which is exact
 * too but takes time and memory proportional to the exponent: {@code 1e999999999} would stall a
 * request thread. Counting decimals costs nothing whatever the exponent.
 */
final class MaxDecimalsKeyword extends AbstractKeyword {

    static final String KEYWORD = "multipleOf";

    MaxDecimalsKeyword() {
        super(KEYWORD);
    }

    @Override
    public KeywordValidator newValidator(SchemaLocation location, JsonNode schemaNode, Schema parent,
                                         SchemaContext context) {
        return new Validator(this, schemaNode, location, parent, context);
    }

    /** The number of decimals that {@code divisor} allows, if it is a power of ten at or below 1. */
    static int decimalsOf(JsonNode divisor) {
        if (!divisor.isNumber()) {
            throw new SchemaException("multipleOf must be a number, got " + divisor);
        }
        BigDecimal value = divisor.decimalValue().stripTrailingZeros();
        if (!value.unscaledValue().equals(BigInteger.ONE) || value.scale() < 0) {
            throw new SchemaException("The catalog supports multipleOf only as a power of ten such as "
                    + "0.0001, got " + divisor);
        }
        return value.scale();
    }

    /** Decimals of an exact number after dropping trailing zeros (2.50 has 1, 1E+3 has 0). */
    static int decimalsIn(JsonNode number) {
        if (number.isIntegralNumber()) {
            return 0;
        }
        BigDecimal value = number.decimalValue();
        if (value.scale() <= 0) {
            return 0;
        }
        return Math.max(0, value.stripTrailingZeros().scale());
    }

    private static final class Validator extends BaseKeywordValidator {

        private final int decimals;

        Validator(MaxDecimalsKeyword keyword, JsonNode schemaNode, SchemaLocation location, Schema parent,
                  SchemaContext context) {
            super(keyword, schemaNode, location, parent, context);
            this.decimals = decimalsOf(schemaNode);
        }

        @Override
        public void validate(ExecutionContext context, JsonNode node, JsonNode root, NodePath instanceLocation) {
            if (!node.isNumber() || decimalsIn(node) <= decimals) {
                return;
            }
            context.addError(error().instanceNode(node).instanceLocation(instanceLocation)
                    .evaluationPath(context.getEvaluationPath())
                    .locale(context.getExecutionConfig().getLocale())
                    .arguments(schemaNode.asString())
                    .build());
        }
    }
}
