-- Operations (#9): a round's reminder schedule, and when a failed message may be tried again.

-- The secretariat's reminder times for a round. Each row is claimed once (claimed_at) by the
-- scheduled job that sends it, so two runs at the same moment send it once.
CREATE TABLE round_reminders (
  round_id TEXT NOT NULL REFERENCES rounds (id) ON DELETE CASCADE,
  remind_at TEXT NOT NULL,
  claimed_at TEXT,
  sent INTEGER,
  PRIMARY KEY (round_id, remind_at)
);
CREATE INDEX round_reminders_due ON round_reminders (remind_at) WHERE claimed_at IS NULL;

-- Retry with backoff: a message that failed is tried again at or after next_attempt_at.
ALTER TABLE outbox ADD COLUMN next_attempt_at TEXT;
CREATE INDEX outbox_retry ON outbox (next_attempt_at) WHERE sent_at IS NULL;
