-- The edge agent's forwarding state, in the same embedded database as its event log, so that the
-- cursor moves in the same transaction as the states of the events it passes.
-- last_position: every event up to it is at the hub (or refused by it); hub_duplicates: events the
-- hub answered as duplicates, i.e. resent after an answer was lost.
CREATE TABLE edge_forwarding (
    id             INTEGER NOT NULL PRIMARY KEY,
    last_position  BIGINT  NOT NULL,
    hub_duplicates BIGINT  NOT NULL
);

INSERT INTO edge_forwarding (id, last_position, hub_duplicates) VALUES (1, 0, 0);

-- Events the hub refused for good (400, 403, 409, 413, 422), with its answer; the event itself stays in
-- the event log (state EXCEPTION).
CREATE TABLE edge_rejected_event (
    position     BIGINT                   NOT NULL PRIMARY KEY,
    tracking_id  UUID                     NOT NULL,
    status       INTEGER                  NOT NULL,
    problem      VARCHAR                  NOT NULL,
    rejected_at  TIMESTAMP WITH TIME ZONE NOT NULL
);
