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
-- A span's history and its relations' are read by row and by document.
CREATE INDEX history_row ON history (entity, span_id);
CREATE INDEX history_document ON history (document_id);
