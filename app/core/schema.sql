-- schema.sql: the workspace schema, version 1 (PRAGMA user_version)
-- SPDX-License-Identifier: GPL-3.0-or-later
--
-- Offsets are Unicode code points of the canonical text, end exclusive.
-- Times are seconds since the Unix epoch (UTC).

CREATE TABLE documents (
  id          INTEGER PRIMARY KEY AUTOINCREMENT,
  title       TEXT    NOT NULL,
  source_path TEXT,
  sha256      TEXT    NOT NULL,            -- of the original bytes
  encoding    TEXT    NOT NULL,
  script      TEXT    NOT NULL CHECK (script IN ('unknown', 'simplified', 'traditional', 'mixed')),
  text        TEXT    NOT NULL,            -- the canonical text
  text_sha256 TEXT    NOT NULL,            -- of the canonical text, finds the same report in another encoding
  n_chars     INTEGER NOT NULL CHECK (n_chars >= 0),
  offset_map  BLOB,                        -- n_chars + 1 little-endian int64 byte offsets into the original
  status      TEXT    NOT NULL DEFAULT 'new' CHECK (status IN ('new', 'in-progress', 'reviewed')),
  created     INTEGER NOT NULL
);
CREATE INDEX documents_sha256 ON documents (sha256);
CREATE INDEX documents_text_sha256 ON documents (text_sha256);

CREATE TABLE quality_warnings (
  id           INTEGER PRIMARY KEY,
  document_id  INTEGER NOT NULL REFERENCES documents (id) ON DELETE CASCADE,
  start_offset INTEGER NOT NULL,
  end_offset   INTEGER NOT NULL,
  kind         TEXT    NOT NULL,
  message      TEXT    NOT NULL,
  CHECK (0 <= start_offset AND start_offset <= end_offset)
);
CREATE INDEX quality_warnings_document ON quality_warnings (document_id, start_offset);

CREATE TABLE labels (
  name         TEXT    PRIMARY KEY,
  display_name TEXT    NOT NULL,
  color        TEXT    NOT NULL,
  shortcut     TEXT,
  description  TEXT    NOT NULL DEFAULT '',
  sort_order   INTEGER NOT NULL
);

CREATE TABLE reviewers (
  id         INTEGER PRIMARY KEY,
  name       TEXT    NOT NULL UNIQUE,
  first_seen INTEGER NOT NULL
);

CREATE TABLE spans (
  id           INTEGER PRIMARY KEY AUTOINCREMENT,
  document_id  INTEGER NOT NULL REFERENCES documents (id) ON DELETE CASCADE,
  start_offset INTEGER NOT NULL,
  end_offset   INTEGER NOT NULL,
  label        TEXT    NOT NULL REFERENCES labels (name),
  surface      TEXT    NOT NULL,
  status       TEXT    NOT NULL CHECK (status IN ('suggested', 'accepted', 'rejected')),
  origin       TEXT    NOT NULL,           -- extractor@VERSION, human, import:FORMAT, external:NAME
  reviewer     TEXT,                       -- who decided last; NULL for an undecided suggestion
  attributes   TEXT,                       -- a JSON object
  note         TEXT,
  created      INTEGER NOT NULL,
  updated      INTEGER NOT NULL,
  CHECK (0 <= start_offset AND start_offset < end_offset),
  UNIQUE (document_id, start_offset, end_offset, label)
);
-- Review progress per document is counted from this index alone.
CREATE INDEX spans_document_status ON spans (document_id, status);

CREATE TABLE relations (
  id        INTEGER PRIMARY KEY,
  from_span INTEGER NOT NULL REFERENCES spans (id) ON DELETE CASCADE,
  to_span   INTEGER NOT NULL REFERENCES spans (id) ON DELETE CASCADE,
  type      TEXT    NOT NULL,
  UNIQUE (from_span, to_span, type)
);
CREATE INDEX relations_to ON relations (to_span);

-- One row per action: a single change or a begin/commit group. Undo and redo
-- walk the actions of a reviewer; state says whether an action's changes are
-- in effect (done), reverted (undone) or reverted and past redoing (dropped).
-- Undo and redo themselves are recorded as actions of kind 'undo'/'redo' that
-- are not undoable, so that the history stays a complete audit trail.
CREATE TABLE actions (
  id          INTEGER PRIMARY KEY,
  kind        TEXT    NOT NULL DEFAULT 'change' CHECK (kind IN ('change', 'undo', 'redo')),
  description TEXT    NOT NULL,
  reviewer    TEXT    NOT NULL,
  created     INTEGER NOT NULL,
  undoable    INTEGER NOT NULL CHECK (undoable IN (0, 1)),
  state       TEXT    NOT NULL DEFAULT 'done' CHECK (state IN ('done', 'undone', 'dropped')),
  reverts     INTEGER REFERENCES actions (id)  -- the action an undo or redo acted on
);
CREATE INDEX actions_reviewer ON actions (reviewer, state, undoable);

-- Every change of a span with its state before and after (JSON objects with the
-- span's columns; NULL before an add and after a delete).
CREATE TABLE history (
  id          INTEGER PRIMARY KEY,
  action_id   INTEGER NOT NULL REFERENCES actions (id),
  span_id     INTEGER NOT NULL,            -- no foreign key: the span may be gone
  document_id INTEGER NOT NULL,
  op          TEXT    NOT NULL CHECK (op IN ('add', 'update', 'delete')),
  before      TEXT,
  after       TEXT,
  reviewer    TEXT    NOT NULL,
  timestamp   INTEGER NOT NULL
);
CREATE INDEX history_action ON history (action_id);
