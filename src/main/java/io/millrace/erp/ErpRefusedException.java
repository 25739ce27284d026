package io.millrace.erp;

/** The ERP refused the request for a business reason (closed period, unknown account or party); the message is the ERP's. */
public class ErpRefusedException extends RuntimeException {

    public ErpRefusedException(String message) {
        super(message);
    }
}
