-- Transfers between plants in two steps (ADR 0019): what the sending plant shipped and the
-- receiving plant has not received yet, the sub-ledger of the stock-in-transit account. A row is
-- written by the sending plant's applying and deleted by the receiving plant's, so no transaction
-- changes two plants' stock. Runs unchanged on H2 (PostgreSQL mode) and PostgreSQL 15.

CREATE TABLE ledger_transfer_in_transit (
    transfer_tracking_id VARCHAR(128)  NOT NULL PRIMARY KEY,
    transfer_id          VARCHAR(64)   NOT NULL,
    from_plant           VARCHAR(64)   NOT NULL,
    to_plant             VARCHAR(64)   NOT NULL,
    item                 VARCHAR(64)   NOT NULL,
    lot                  VARCHAR(64)   NOT NULL,
    quantity             NUMERIC(24,6) NOT NULL,
    to_location          VARCHAR(64)   NOT NULL,
    transit_value        NUMERIC(19,2) NOT NULL,
    stock_since          TIMESTAMP WITH TIME ZONE NOT NULL,
    shipped_at           TIMESTAMP WITH TIME ZONE NOT NULL,
    -- the tracking id of the receipt the hub appended to the log for it; null until appended
    receipt_tracking_id  VARCHAR(128)
);
CREATE INDEX ledger_transfer_in_transit_receipt ON ledger_transfer_in_transit (receipt_tracking_id);
