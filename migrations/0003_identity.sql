-- Sign-in, sessions, invitations, API tokens, mail outbox, rate limits and the audit log.
-- See docs/decisions/0004-passwordless-sign-in.md.

ALTER TABLE users ADD COLUMN last_sign_in_at TEXT;

CREATE TABLE invitations (
  id TEXT PRIMARY KEY,
  organisation_id TEXT NOT NULL REFERENCES organisations (id) ON DELETE CASCADE,
  email TEXT NOT NULL COLLATE NOCASE,
  role TEXT NOT NULL CHECK (role IN ('member', 'provider')),
  invited_by TEXT REFERENCES users (id) ON DELETE SET NULL,
  created_at TEXT NOT NULL,
  expires_at TEXT NOT NULL,
  accepted_at TEXT,
  accepted_by TEXT REFERENCES users (id) ON DELETE SET NULL,
  revoked_at TEXT
);
CREATE INDEX invitations_organisation ON invitations (organisation_id, created_at);
CREATE INDEX invitations_email ON invitations (email);

-- Single-use sign-in and invitation tokens. The token itself is a signed JWT mailed to the
-- person; this row is what makes it single-use (consumed_at) and revocable.
CREATE TABLE sign_in_tokens (
  id TEXT PRIMARY KEY,
  email TEXT NOT NULL COLLATE NOCASE,
  purpose TEXT NOT NULL CHECK (purpose IN ('sign-in', 'invitation')),
  invitation_id TEXT REFERENCES invitations (id) ON DELETE CASCADE,
  created_at TEXT NOT NULL,
  expires_at TEXT NOT NULL,
  consumed_at TEXT,
  -- The session the token was exchanged for: later statements of the same atomic batch use it to
  -- act only if this batch is the one that consumed the token.
  session_id TEXT
);
CREATE INDEX sign_in_tokens_expiry ON sign_in_tokens (expires_at);

-- A signed-in browser. The cookie holds a JWT naming this row; revoking the row ends the session
-- on the next request, whatever the JWT says.
CREATE TABLE sessions (
  id TEXT PRIMARY KEY,
  user_id TEXT NOT NULL REFERENCES users (id) ON DELETE CASCADE,
  created_at TEXT NOT NULL,
  last_seen_at TEXT NOT NULL,
  expires_at TEXT NOT NULL,
  revoked_at TEXT,
  user_agent TEXT,
  ip TEXT
);
CREATE INDEX sessions_user ON sessions (user_id);
CREATE INDEX sessions_expiry ON sessions (expires_at);

-- Tokens for integrations. Only a SHA-256 hash of the secret is stored.
CREATE TABLE api_tokens (
  id TEXT PRIMARY KEY,
  name TEXT NOT NULL,
  token_hash TEXT NOT NULL UNIQUE,
  scopes TEXT NOT NULL,
  created_by TEXT REFERENCES users (id) ON DELETE SET NULL,
  created_at TEXT NOT NULL,
  expires_at TEXT,
  last_used_at TEXT,
  revoked_at TEXT
);

-- Every message the service sends is kept here first; a transport then delivers it.
CREATE TABLE outbox (
  id TEXT PRIMARY KEY,
  to_address TEXT NOT NULL COLLATE NOCASE,
  subject TEXT NOT NULL,
  body_text TEXT NOT NULL,
  links TEXT NOT NULL,
  kind TEXT NOT NULL,
  created_at TEXT NOT NULL,
  sent_at TEXT,
  attempts INTEGER NOT NULL DEFAULT 0,
  last_error TEXT
);
CREATE INDEX outbox_to ON outbox (to_address, created_at);
CREATE INDEX outbox_unsent ON outbox (sent_at, created_at);

-- Fixed-window counters, in the database so that limits hold on both runtimes and across restarts.
CREATE TABLE rate_limits (
  key TEXT PRIMARY KEY,
  window_start TEXT NOT NULL,
  count INTEGER NOT NULL
) WITHOUT ROWID;

CREATE TABLE audit_log (
  id TEXT PRIMARY KEY,
  at TEXT NOT NULL,
  actor_user_id TEXT REFERENCES users (id) ON DELETE SET NULL,
  actor_token_id TEXT REFERENCES api_tokens (id) ON DELETE SET NULL,
  action TEXT NOT NULL,
  target_type TEXT,
  target_id TEXT,
  detail TEXT,
  ip TEXT,
  user_agent TEXT,
  request_id TEXT
);
CREATE INDEX audit_log_at ON audit_log (at);
CREATE INDEX audit_log_actor ON audit_log (actor_user_id, at);
CREATE INDEX audit_log_target ON audit_log (target_type, target_id, at);
