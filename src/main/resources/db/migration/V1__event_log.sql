-- The durable event log: every accepted event, in acceptance order (position), with its
-- processing state. (source, event_id) is the idempotency key of CloudEvents; it is indexed through
-- its SHA-256 (idempotency_key) so that ids and sources of any length stay indexable.
CREATE TABLE event_log (
    position         BIGINT       NOT NULL PRIMARY KEY,
    tracking_id      UUID         NOT NULL,
    idempotency_key  VARCHAR(64)  NOT NULL,
    source           VARCHAR      NOT NULL,
    event_id         VARCHAR      NOT NULL,
    type             VARCHAR      NOT NULL,
    plant            VARCHAR      NOT NULL,
    subject          VARCHAR,
    business_key     VARCHAR,
    correlation_id   VARCHAR,
    event_time       TIMESTAMP WITH TIME ZONE NOT NULL,
    accepted_at      TIMESTAMP WITH TIME ZONE NOT NULL,
    producer_key_id  VARCHAR(64)  NOT NULL,
    content_hash     VARCHAR(64)  NOT NULL,
    payload          VARCHAR      NOT NULL,
    state            VARCHAR(16)  NOT NULL,
    CONSTRAINT event_log_tracking_id UNIQUE (tracking_id),
    CONSTRAINT event_log_idempotency UNIQUE (idempotency_key),
    CONSTRAINT event_log_state_known CHECK (state IN ('PENDING', 'PARKED', 'POSTED', 'EXCEPTION'))
);

CREATE INDEX event_log_by_state ON event_log (state);

-- One row holding the last assigned position. Appenders lock it, so positions are assigned in
-- commit order and a reader following the log by position never skips a late commit.
CREATE TABLE event_log_head (
    id            INTEGER NOT NULL PRIMARY KEY,
    last_position BIGINT  NOT NULL
);

INSERT INTO event_log_head (id, last_position) VALUES (1, 0);
