-- Bindings: how a plant's own messages (MQTT, files, HTTP) become canonical events. Every change
-- is a new version; the versions are kept, so that the lineage of an event can name the one that
-- mapped it. A deleted binding keeps its history and its name can be taken again.
CREATE TABLE binding_version (
    name        VARCHAR(64)  NOT NULL,
    version     INTEGER      NOT NULL,
    definition  VARCHAR      NOT NULL,
    deleted     BOOLEAN      NOT NULL,
    changed_at  TIMESTAMP WITH TIME ZONE NOT NULL,
    changed_by  VARCHAR(64)  NOT NULL,
    PRIMARY KEY (name, version)
);

-- Where an accepted event came from when it did not arrive as a CloudEvent: its channel, the
-- binding and version that mapped it, the raw message (text, or base64 for binary), and the
-- quantities converted to base units with their original values.
CREATE TABLE event_origin (
    tracking_id     UUID         NOT NULL PRIMARY KEY,
    channel         VARCHAR(16)  NOT NULL,
    binding         VARCHAR(64)  NOT NULL,
    binding_version INTEGER      NOT NULL,
    topic           VARCHAR,
    file_name       VARCHAR,
    row_index       INTEGER,
    received_at     TIMESTAMP WITH TIME ZONE NOT NULL,
    message         VARCHAR      NOT NULL,
    conversions     VARCHAR
);

-- Files of the inbox accepted whole, by content: the same bytes dropped again are a duplicate.
CREATE TABLE inbox_file (
    binding      VARCHAR(64) NOT NULL,
    digest       VARCHAR(64) NOT NULL,
    file_name    VARCHAR     NOT NULL,
    events       INTEGER     NOT NULL,
    processed_at TIMESTAMP WITH TIME ZONE NOT NULL,
    PRIMARY KEY (binding, digest)
);

-- Alternative units of an item with their factor to its base unit (1 uom = factor base units).
CREATE TABLE md_item_conversion (
    item   VARCHAR(64)    NOT NULL REFERENCES md_item (code),
    uom    VARCHAR(16)    NOT NULL,
    factor NUMERIC(28, 10) NOT NULL,
    PRIMARY KEY (item, uom)
);
