-- Key lifecycle: an optional expiry (also the end of a rotated key's grace period), revocation
-- with its actor, and the key that replaced a rotated one.
ALTER TABLE api_credential ADD COLUMN expires_at TIMESTAMP WITH TIME ZONE;
ALTER TABLE api_credential ADD COLUMN revoked_at TIMESTAMP WITH TIME ZONE;
ALTER TABLE api_credential ADD COLUMN revoked_by VARCHAR(128);
ALTER TABLE api_credential ADD COLUMN replaced_by VARCHAR(64);
