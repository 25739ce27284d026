-- The durable event log: every accepted event, in acceptance order (position), with its
-- processing state. (source, event_id) is the idempotency key of CloudEvents and is indexed as it
-- is: producers number their events in order far more often than not, so new keys land next to
-- each other in the index instead of on random pages, as a digest of the key would (the catalog
-- limits both to 256 characters, well within an index entry on H2 and PostgreSQL).
CREATE TABLE event_log (
    position         BIGINT       NOT NULL PRIMARY KEY,
    tracking_id      UUID         NOT NULL,
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
    CONSTRAINT event_log_idempotency UNIQUE (source, event_id),
    CONSTRAINT event_log_state_known CHECK (state IN ('PENDING', 'PARKED', 'POSTED', 'EXCEPTION'))
);

-- Events per state, kept with every append and state change, so that the backlog is one read
-- (and appends maintain no index on a column of four values).
CREATE TABLE event_log_state_count (
    state  VARCHAR(16) NOT NULL PRIMARY KEY,
    events BIGINT      NOT NULL
);

INSERT INTO event_log_state_count (state, events) VALUES ('PENDING', 0), ('PARKED', 0), ('POSTED', 0), ('EXCEPTION', 0);

-- One row holding the last assigned position. Appenders lock it, so positions are assigned in
-- commit order and a reader following the log by position never skips a late commit.
CREATE TABLE event_log_head (
    id            INTEGER NOT NULL PRIMARY KEY,
    last_position BIGINT  NOT NULL
);

INSERT INTO event_log_head (id, last_position) VALUES (1, 0);
