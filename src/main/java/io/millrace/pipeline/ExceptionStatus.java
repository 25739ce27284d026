package io.millrace.pipeline;

/**
 * Where an entry of the exception queue stands: {@code OPEN} until an operator decides (or a
 * retry after master data changed posts the event, which resolves it), then {@code RESOLVED}
 * (retried and posted), {@code APPROVED} (posted as it was) or {@code DISCARDED} (never posted).
 */
public enum ExceptionStatus {
    OPEN,
    RESOLVED,
    APPROVED,
    DISCARDED
}
