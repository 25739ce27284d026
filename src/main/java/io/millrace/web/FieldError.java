package io.millrace.web;

/**
 * One validation error: {@code index} is the position of the event in a batch (null outside
 * batches), {@code pointer} the JSON pointer of the offending field.
 */
public record FieldError(Integer index, String pointer, String message) {

    public static FieldError at(String pointer, String message) {
        return new FieldError(null, pointer, message);
    }

    public FieldError inBatch(int batchIndex) {
        return new FieldError(batchIndex, pointer, message);
    }
}
