-- Local accounts (clerk, committee head) and the idle-lock setting.
-- Passwords are stored only as argon2id PHC strings; the audit trail never sees them.

CREATE TABLE accounts (
  id            INTEGER PRIMARY KEY,
  username      TEXT    NOT NULL UNIQUE COLLATE NOCASE,
  display_name  TEXT    NOT NULL,
  role          TEXT    NOT NULL CHECK (role IN ('文员', '主任')),
  password_hash TEXT    NOT NULL,
  active        INTEGER NOT NULL DEFAULT 1 CHECK (active IN (0, 1)),
  created_at    TEXT    NOT NULL,
  updated_at    TEXT    NOT NULL
);

CREATE TABLE security_settings (
  id                INTEGER PRIMARY KEY CHECK (id = 1),
  -- Minutes without keyboard or mouse before the screen locks; 0 turns the lock off.
  idle_lock_minutes INTEGER NOT NULL DEFAULT 10 CHECK (idle_lock_minutes BETWEEN 0 AND 240),
  -- Set by the demo community: shown on the sign-in screen until a demo password is changed.
  demo_hint         TEXT
);
INSERT INTO security_settings (id) VALUES (1);
