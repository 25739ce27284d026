package io.millrace.erp;

/**
 * The ERP could not be reached or failed on its side (connection refused, 5xx, timeout, a lock).
 * {@code ambiguous} when the request may have been carried out all the same (it was sent and no
 * answer came back): before creating again, look up what exists.
 */
public class ErpUnavailableException extends RuntimeException {

    private final boolean ambiguous;

    public ErpUnavailableException(String message, boolean ambiguous, Throwable cause) {
        super(message, cause);
        this.ambiguous = ambiguous;
    }

    public boolean ambiguous() {
        return ambiguous;
    }
}
