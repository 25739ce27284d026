-- API keys: only a SHA-256 hash of each key is stored; key_id is the public, loggable name.
CREATE TABLE api_credential (
    key_id          VARCHAR(64)  NOT NULL PRIMARY KEY,
    key_hash        VARCHAR(64)  NOT NULL,
    name            VARCHAR(256) NOT NULL,
    role            VARCHAR(16)  NOT NULL,
    rate_per_second INTEGER,
    created_at      TIMESTAMP WITH TIME ZONE NOT NULL,
    CONSTRAINT api_credential_key_hash UNIQUE (key_hash),
    CONSTRAINT api_credential_role_known CHECK (role IN ('PRODUCER', 'AUDITOR', 'OPERATOR', 'ADMIN'))
);

-- A producer's scope: the sources, plants and event types it may publish ('*' = any).
CREATE TABLE api_credential_scope (
    key_id VARCHAR(64)   NOT NULL REFERENCES api_credential (key_id),
    kind   VARCHAR(16)   NOT NULL,
    scope_value VARCHAR(1024) NOT NULL,
    CONSTRAINT api_credential_scope_kind CHECK (kind IN ('SOURCE', 'PLANT', 'EVENT_TYPE')),
    CONSTRAINT api_credential_scope_unique UNIQUE (key_id, kind, scope_value)
);
