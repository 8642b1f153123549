-- akt-sandbox storage. Times are integer seconds since the epoch on the
-- sandbox clock; the clock offset lives in the meta table. Ids that clients
-- hold (cases, notes, messages …) use AUTOINCREMENT so that an id freed by a
-- purge is never given to a new row.
PRAGMA foreign_keys = ON;

CREATE TABLE meta (
  key   TEXT PRIMARY KEY,
  value TEXT NOT NULL
);

CREATE TABLE units (
  id   INTEGER PRIMARY KEY,
  name TEXT NOT NULL
);

CREATE TABLE officers (
  id       INTEGER PRIMARY KEY,
  username TEXT NOT NULL UNIQUE,
  name     TEXT NOT NULL,
  email    TEXT NOT NULL,
  password TEXT NOT NULL,
  roles    TEXT NOT NULL,          -- space separated: officer admin
  scopes   TEXT NOT NULL           -- space separated
);

CREATE TABLE officer_units (
  officer_id INTEGER NOT NULL REFERENCES officers(id),
  unit_id    INTEGER NOT NULL REFERENCES units(id),
  PRIMARY KEY (officer_id, unit_id)
);

CREATE TABLE queues (
  id      INTEGER PRIMARY KEY,
  name    TEXT NOT NULL,
  unit_id INTEGER NOT NULL REFERENCES units(id)
);

CREATE TABLE e_services (
  id       TEXT PRIMARY KEY,
  prefix   TEXT NOT NULL,
  name_sv  TEXT NOT NULL,
  name_en  TEXT NOT NULL,
  unit_id  INTEGER NOT NULL REFERENCES units(id),
  queue_id INTEGER NOT NULL REFERENCES queues(id),
  next_seq INTEGER NOT NULL DEFAULT 1      -- next case number in the year
);

CREATE TABLE statuses (
  id       TEXT PRIMARY KEY,
  name_sv  TEXT NOT NULL,
  name_en  TEXT NOT NULL,
  category TEXT NOT NULL,                  -- submitted registered in_progress closed
  ordinal  INTEGER NOT NULL,               -- sort order
  standard INTEGER NOT NULL
);

-- Which custom statuses an e-service has (standard ones apply to all).
CREATE TABLE service_statuses (
  e_service TEXT NOT NULL REFERENCES e_services(id),
  status    TEXT NOT NULL REFERENCES statuses(id),
  PRIMARY KEY (e_service, status)
);

CREATE TABLE retention_policies (
  e_service  TEXT PRIMARY KEY REFERENCES e_services(id),
  days       INTEGER NOT NULL,
  updated_at INTEGER NOT NULL,
  updated_by INTEGER REFERENCES officers(id)
);

CREATE TABLE cases (
  id           INTEGER PRIMARY KEY AUTOINCREMENT,
  number       TEXT NOT NULL UNIQUE,
  diary_number TEXT NOT NULL,
  title        TEXT NOT NULL,
  e_service    TEXT NOT NULL REFERENCES e_services(id),
  queue_id     INTEGER NOT NULL REFERENCES queues(id),
  status       TEXT NOT NULL REFERENCES statuses(id),
  category     TEXT NOT NULL,              -- copy of the status category
  status_ord   INTEGER NOT NULL,           -- copy of the status ordinal, for sort
  priority     INTEGER NOT NULL,           -- 0 low 1 normal 2 high 3 urgent
  created_at   INTEGER NOT NULL,
  updated_at   INTEGER NOT NULL,
  deadline     TEXT,                       -- YYYY-MM-DD or NULL
  closed_at    INTEGER,
  purge_at     INTEGER,
  hold_active  INTEGER NOT NULL DEFAULT 0,
  hold_reason  TEXT,
  hold_by      INTEGER REFERENCES officers(id),
  hold_at      INTEGER,
  version      INTEGER NOT NULL DEFAULT 1,
  changed_by   TEXT,                       -- actor name of the last write
  changed_by_officer INTEGER REFERENCES officers(id),
  unread       INTEGER NOT NULL DEFAULT 0, -- citizen messages no officer read
  search       TEXT NOT NULL               -- folded text for q=
);
CREATE INDEX cases_q_updated  ON cases(queue_id, updated_at, id);
CREATE INDEX cases_q_created  ON cases(queue_id, created_at, id);
CREATE INDEX cases_q_deadline ON cases(queue_id, deadline, id);
CREATE INDEX cases_q_category ON cases(queue_id, category);
CREATE INDEX cases_updated    ON cases(updated_at, id);
CREATE INDEX cases_purge      ON cases(purge_at) WHERE purge_at IS NOT NULL;
-- Queue counts: the unread sum reads only the cases with unread messages.
CREATE INDEX cases_q_unread   ON cases(queue_id, unread) WHERE unread > 0;
-- The lists' deadline sort key: a case without a deadline sorts last.
CREATE INDEX cases_q_deadline_key
  ON cases(queue_id, coalesce(deadline, '9999-12-31'), id);

CREATE TABLE case_assignees (
  case_id    INTEGER NOT NULL REFERENCES cases(id) ON DELETE CASCADE,
  officer_id INTEGER NOT NULL REFERENCES officers(id),
  PRIMARY KEY (case_id, officer_id)
);
CREATE INDEX case_assignees_officer ON case_assignees(officer_id, case_id);

CREATE TABLE parties (
  id            INTEGER PRIMARY KEY AUTOINCREMENT,
  case_id       INTEGER NOT NULL REFERENCES cases(id) ON DELETE CASCADE,
  role          TEXT NOT NULL,             -- applicant co_applicant representative
  kind          TEXT NOT NULL,             -- person organisation
  name          TEXT NOT NULL,
  pnr           TEXT,                      -- 12 digits, persons only
  orgnr         TEXT,                      -- NNNNNN-NNNN, organisations only
  signing_state TEXT,                      -- co_applicant: signed pending declined
  signing_at    INTEGER,
  represents    INTEGER,
  email         TEXT,
  phone         TEXT
);
CREATE INDEX parties_case ON parties(case_id);

CREATE TABLE documents (
  id         INTEGER PRIMARY KEY AUTOINCREMENT,
  case_id    INTEGER NOT NULL REFERENCES cases(id) ON DELETE CASCADE,
  name       TEXT NOT NULL,
  media_type TEXT NOT NULL,
  kind       TEXT NOT NULL,                -- attachment decision protocol
  created_at INTEGER NOT NULL,
  content    BLOB NOT NULL
);
CREATE INDEX documents_case ON documents(case_id);

CREATE TABLE notes (
  id           INTEGER PRIMARY KEY AUTOINCREMENT,
  case_id      INTEGER NOT NULL REFERENCES cases(id) ON DELETE CASCADE,
  author_id    INTEGER REFERENCES officers(id),
  body         TEXT NOT NULL,
  created_at   INTEGER NOT NULL,
  published_at INTEGER,
  source_message_id INTEGER UNIQUE           -- filed message (journalförd)
);
CREATE INDEX notes_case ON notes(case_id, created_at, id);

CREATE TABLE note_reads (
  note_id  INTEGER NOT NULL REFERENCES notes(id) ON DELETE CASCADE,
  party_id INTEGER NOT NULL REFERENCES parties(id) ON DELETE CASCADE,
  read_at  INTEGER NOT NULL,
  PRIMARY KEY (note_id, party_id)
);

CREATE TABLE threads (
  id              INTEGER PRIMARY KEY AUTOINCREMENT,
  case_id         INTEGER NOT NULL REFERENCES cases(id) ON DELETE CASCADE,
  subject         TEXT NOT NULL,
  created_at      INTEGER NOT NULL,
  last_message_at INTEGER NOT NULL
);
CREATE INDEX threads_case ON threads(case_id);

CREATE TABLE messages (
  id                 INTEGER PRIMARY KEY AUTOINCREMENT,
  thread_id          INTEGER NOT NULL REFERENCES threads(id) ON DELETE CASCADE,
  case_id            INTEGER NOT NULL REFERENCES cases(id) ON DELETE CASCADE,
  author_kind        TEXT NOT NULL,        -- officer citizen system
  author_name        TEXT NOT NULL,
  author_officer     INTEGER REFERENCES officers(id),
  body               TEXT NOT NULL,
  sent_at            INTEGER NOT NULL,
  officer_read_at    INTEGER,
  officer_read_by    INTEGER REFERENCES officers(id),
  citizen_read_at    INTEGER
);
CREATE INDEX messages_thread ON messages(thread_id, id);
CREATE INDEX messages_case ON messages(case_id);

-- Audit trail and change feed in one: seq is the feed cursor.
CREATE TABLE events (
  seq        INTEGER PRIMARY KEY AUTOINCREMENT,
  case_id    INTEGER,                      -- NULL for non-case events
  case_number TEXT,
  queue_id   INTEGER,
  unit_id    INTEGER,                      -- NULL: visible to everyone
  type       TEXT NOT NULL,
  at         INTEGER NOT NULL,
  actor_kind TEXT NOT NULL,                -- officer citizen system
  actor_name TEXT NOT NULL,
  actor_officer INTEGER,
  data       TEXT NOT NULL                 -- JSON object
);
CREATE INDEX events_case ON events(case_id, seq);

CREATE TABLE purged_cases (
  id        INTEGER PRIMARY KEY,
  number    TEXT NOT NULL UNIQUE,
  purged_at INTEGER NOT NULL
);

CREATE TABLE purge_log (
  id          INTEGER PRIMARY KEY,
  case_number TEXT NOT NULL,
  e_service   TEXT NOT NULL,
  closed_at   INTEGER NOT NULL,
  purged_at   INTEGER NOT NULL,
  policy_days INTEGER NOT NULL
);

CREATE TABLE tokens (
  token      TEXT PRIMARY KEY,             -- sha-less: sandbox only
  kind       TEXT NOT NULL,                -- access refresh
  officer_id INTEGER NOT NULL REFERENCES officers(id),
  family     TEXT NOT NULL,                -- one per sign-in; refresh rotates
  expires_at INTEGER NOT NULL,
  revoked    INTEGER NOT NULL DEFAULT 0
);
CREATE INDEX tokens_family ON tokens(family);

CREATE TABLE device_codes (
  device_code TEXT PRIMARY KEY,
  user_code   TEXT NOT NULL UNIQUE,
  expires_at  INTEGER NOT NULL,
  interval_s  INTEGER NOT NULL,
  last_poll   INTEGER,                     -- real monotonic-ish ms
  officer_id  INTEGER,                     -- set on approval
  denied      INTEGER NOT NULL DEFAULT 0,
  used        INTEGER NOT NULL DEFAULT 0
);

CREATE TABLE idempotency (
  scope      TEXT NOT NULL,                -- officer id or client address
  key        TEXT NOT NULL,
  method     TEXT NOT NULL,
  path       TEXT NOT NULL,
  body_hash  TEXT NOT NULL,
  status     INTEGER NOT NULL,
  body       BLOB NOT NULL,
  ctype      TEXT NOT NULL,
  etag       TEXT,
  location   TEXT,
  created_at INTEGER NOT NULL,
  PRIMARY KEY (scope, key)
);
