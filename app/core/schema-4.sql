-- schema-4.sql: version 4 of the workspace schema
-- SPDX-License-Identifier: GPL-3.0-or-later
-- A document carries a reviewer's note. History keeps it beside the status
-- and title, so the document rows written before say that there was none.
ALTER TABLE documents ADD COLUMN note TEXT;
UPDATE history SET before = json_set(before, '$.note', NULL)
  WHERE entity = 'document' AND before IS NOT NULL;
UPDATE history SET after = json_set(after, '$.note', NULL)
  WHERE entity = 'document' AND after IS NOT NULL;
-- Each label carries its guideline in Chinese and in English, so that a
-- workspace carries its own; the default labels get the default text (in C,
-- after this script, from labels.json).
ALTER TABLE labels ADD COLUMN guideline_zh TEXT NOT NULL DEFAULT '';
ALTER TABLE labels ADD COLUMN guideline_en TEXT NOT NULL DEFAULT '';
-- Relations are rows of history like spans: an id is never used twice (undo
-- and redo bring a relation back under its own id), as AUTOINCREMENT keeps it.
CREATE TABLE relations_4 (
  id        INTEGER PRIMARY KEY AUTOINCREMENT,
  from_span INTEGER NOT NULL REFERENCES spans (id) ON DELETE CASCADE,
  to_span   INTEGER NOT NULL REFERENCES spans (id) ON DELETE CASCADE,
  type      TEXT    NOT NULL,
  origin    TEXT    NOT NULL DEFAULT 'human',
  reviewer  TEXT,
  created   INTEGER NOT NULL DEFAULT 0,
  UNIQUE (from_span, to_span, type)
);
INSERT INTO relations_4 (id, from_span, to_span, type, origin, reviewer, created)
  SELECT id, from_span, to_span, type, origin, reviewer, created FROM relations;
-- Ids that history names but the table no longer holds stay used.
DELETE FROM sqlite_sequence WHERE name = 'relations_4';
INSERT INTO sqlite_sequence (name, seq)
  SELECT 'relations_4', max(coalesce((SELECT max(id) FROM relations_4), 0),
                            coalesce((SELECT max(span_id) FROM history WHERE entity = 'relation'), 0));
DROP TABLE relations;
ALTER TABLE relations_4 RENAME TO relations;
CREATE INDEX relations_to ON relations (to_span);
-- A span's history and its relations' are read by row and by document.
CREATE INDEX history_row ON history (entity, span_id);
CREATE INDEX history_document ON history (document_id);
