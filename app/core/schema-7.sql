-- schema-7.sql: version 7 of the workspace schema
-- SPDX-License-Identifier: GPL-3.0-or-later
-- Every span belongs to a layer: '' is the shared layer (the single reviewer
-- flow, and every span written before this version), a reviewer's name is
-- that reviewer's own layer in independent review, '@curated' the curated
-- layer. The same span may then stand in several layers, so the uniqueness
-- of a span takes its layer in. SQLite cannot change a table's constraints:
-- the table is made again and its rows copied with their ids (history names
-- them), with foreign keys off around the migration (bz-store-migrate.c), so
-- that dropping the old table does not delete the relations.
CREATE TABLE spans_7 (
  id           INTEGER PRIMARY KEY AUTOINCREMENT,
  document_id  INTEGER NOT NULL REFERENCES documents (id) ON DELETE CASCADE,
  start_offset INTEGER NOT NULL,
  end_offset   INTEGER NOT NULL,
  label        TEXT    NOT NULL REFERENCES labels (name),
  surface      TEXT    NOT NULL,
  status       TEXT    NOT NULL CHECK (status IN ('suggested', 'accepted', 'rejected')),
  origin       TEXT    NOT NULL,
  reviewer     TEXT,
  attributes   TEXT,
  note         TEXT,
  created      INTEGER NOT NULL,
  updated      INTEGER NOT NULL,
  confidence   REAL    CHECK (confidence IS NULL OR (confidence >= 0 AND confidence <= 1)),
  source       TEXT,
  accepted_in_bulk INTEGER NOT NULL DEFAULT 0 CHECK (accepted_in_bulk IN (0, 1)),
  layer        TEXT    NOT NULL DEFAULT '',
  CHECK (0 <= start_offset AND start_offset < end_offset),
  UNIQUE (document_id, layer, start_offset, end_offset, label)
);
INSERT INTO spans_7 (id, document_id, start_offset, end_offset, label, surface, status, origin,
                     reviewer, attributes, note, created, updated, confidence, source,
                     accepted_in_bulk, layer)
  SELECT id, document_id, start_offset, end_offset, label, surface, status, origin,
         reviewer, attributes, note, created, updated, confidence, source, accepted_in_bulk, ''
  FROM spans;
-- Ids that history names but the table no longer holds stay used.
DELETE FROM sqlite_sequence WHERE name = 'spans_7';
INSERT INTO sqlite_sequence (name, seq)
  SELECT 'spans_7', max(coalesce((SELECT max(id) FROM spans_7), 0),
                        coalesce((SELECT seq FROM sqlite_sequence WHERE name = 'spans'), 0),
                        coalesce((SELECT max(span_id) FROM history WHERE entity = 'span'), 0));
DROP TABLE spans;
ALTER TABLE spans_7 RENAME TO spans;
-- A layer's spans of a document, by status and confidence (the list, review
-- progress, bulk acceptance, the least sure first).
CREATE INDEX spans_document_status ON spans (document_id, layer, status, confidence);
CREATE INDEX spans_source_decisions ON spans (source, label, status)
  WHERE source IS NOT NULL AND status != 'suggested' AND accepted_in_bulk = 0;
-- History's span rows say which layer the span was in, so that undo brings
-- it back there.
UPDATE history SET before = json_set(before, '$.layer', '')
  WHERE entity = 'span' AND before IS NOT NULL;
UPDATE history SET after = json_set(after, '$.layer', '')
  WHERE entity = 'span' AND after IS NOT NULL;
-- Settings of the workspace, one value per key: review_mode is 'shared' (one
-- layer for every reviewer, the default) or 'independent' (each reviewer
-- works in their own layer).
CREATE TABLE settings (
  key   TEXT PRIMARY KEY,
  value TEXT NOT NULL
) WITHOUT ROWID;
-- Which reviewers annotate which reports.
CREATE TABLE assignments (
  document_id INTEGER NOT NULL REFERENCES documents (id) ON DELETE CASCADE,
  reviewer    TEXT    NOT NULL,
  PRIMARY KEY (document_id, reviewer)
) WITHOUT ROWID;
-- How far a reviewer's layer of a document has taken the shared layer's
-- suggestions: the highest shared span id looked at. A suggestion of the
-- shared layer is copied into a reviewer's layer once; one the reviewer
-- deleted does not come back, and one the extractor adds later is copied.
CREATE TABLE layer_seeds (
  document_id INTEGER NOT NULL REFERENCES documents (id) ON DELETE CASCADE,
  layer       TEXT    NOT NULL,
  seeded_to   INTEGER NOT NULL,
  PRIMARY KEY (document_id, layer)
) WITHOUT ROWID;
