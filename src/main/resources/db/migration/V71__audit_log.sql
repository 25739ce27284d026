-- The audit log: append-only, each record sealed with the SHA-256 of its fields and the hash of
-- the record before it. Positions run 1, 2, 3, ... without gaps.
CREATE TABLE audit_record (
    position      BIGINT        NOT NULL PRIMARY KEY,
    recorded_at   TIMESTAMP WITH TIME ZONE NOT NULL,
    actor         VARCHAR(256)  NOT NULL,
    action        VARCHAR(128)  NOT NULL,
    subject       VARCHAR(512)  NOT NULL,
    before_state  TEXT,
    after_state   TEXT,
    previous_hash VARCHAR(64)   NOT NULL,
    hash          VARCHAR(64)   NOT NULL
);
CREATE INDEX audit_record_actor ON audit_record (actor, position);
CREATE INDEX audit_record_subject ON audit_record (subject, position);
CREATE INDEX audit_record_time ON audit_record (recorded_at);

-- The head of the chain: one row, locked by every append so that appends of all instances
-- take turns; it also shows when records at the end of the chain were deleted.
CREATE TABLE audit_head (
    id       INTEGER     NOT NULL PRIMARY KEY,
    position BIGINT      NOT NULL,
    hash     VARCHAR(64) NOT NULL,
    CONSTRAINT audit_head_single CHECK (id = 1)
);
INSERT INTO audit_head (id, position, hash) VALUES (1, 0, '0000000000000000000000000000000000000000000000000000000000000000');
