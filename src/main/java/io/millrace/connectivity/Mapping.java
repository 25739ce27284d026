package io.millrace.connectivity;

import com.dashjoin.jsonata.JException;
import com.dashjoin.jsonata.Jsonata;
import java.util.Map;

/**
 * A compiled JSONata expression. Compiling checks the syntax; evaluating runs it over the input
 * document of one message ({@code message}, {@code topic}, {@code file}, {@code row},
 * {@code receivedAt}) and answers what it produced in plain Java values (maps, lists, strings,
 * numbers, booleans), or throws {@link MappingFailure} naming what went wrong and where.
 */
public final class Mapping {

    private final String expression;
    private final Jsonata compiled;

    private Mapping(String expression, Jsonata compiled) {
        this.expression = expression;
        this.compiled = compiled;
    }

    /** Compiles the expression, or throws {@link MappingFailure} with the error and its position. */
    public static Mapping compile(String expression) {
        try {
            return new Mapping(expression, Jsonata.jsonata(expression));
        } catch (JException ex) {
            throw new MappingFailure("the mapping does not compile: " + describe(ex, expression));
        } catch (RuntimeException ex) {
            throw new MappingFailure("the mapping does not compile: " + ex.getMessage());
        }
    }

    public String expression() {
        return expression;
    }

    /**
     * Evaluates the mapping. The compiled expression keeps evaluation state of its own, so one
     * evaluation runs at a time per mapping.
     */
    public synchronized Object evaluate(Map<String, Object> input) {
        try {
            return compiled.evaluate(input);
        } catch (JException ex) {
            throw new MappingFailure("the mapping failed: " + describe(ex, expression));
        } catch (NumberFormatException ex) {
            throw new MappingFailure("the mapping failed: a value cannot be cast to a number ("
                    + ex.getMessage().replace("For input string: ", "") + "), as $number() does with text that is "
                    + "not a number");
        } catch (RuntimeException | StackOverflowError ex) {
            throw new MappingFailure("the mapping failed: " + ex);
        }
    }

    private static String describe(JException ex, String expression) {
        String message = ex.getMessage() == null ? ex.getError() : ex.getMessage();
        int at = ex.getLocation();
        if (at >= 0 && at <= expression.length()) {
            int from = Math.max(0, at - 20);
            return message + " (at character " + at + ": '" + expression.substring(from, Math.min(expression.length(),
                    at + 10)).replace('\n', ' ') + "')";
        }
        return message;
    }

    /** The mapping does not compile, fails at run time, or produced something that is not events. */
    public static final class MappingFailure extends RuntimeException {
        public MappingFailure(String message) {
            super(message);
        }
    }
}
