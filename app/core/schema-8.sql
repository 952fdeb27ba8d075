-- schema-8.sql: version 8 of the workspace schema
-- SPDX-License-Identifier: GPL-3.0-or-later
-- A report's review status belongs to a layer. The shared layer's stays in
-- documents.status; a reviewer's layer and the curated layer keep theirs
-- here ('new' when there is no row). For the curated layer the three values
-- read "not started", "in curation" and "curated".
CREATE TABLE layer_status (
  document_id INTEGER NOT NULL REFERENCES documents (id) ON DELETE CASCADE,
  layer       TEXT    NOT NULL CHECK (layer != ''),
  status      TEXT    NOT NULL CHECK (status IN ('new', 'in-progress', 'reviewed')),
  PRIMARY KEY (document_id, layer)
) WITHOUT ROWID;
-- Before this version a reviewer's layer showed the report's one status:
-- each layer with spans keeps what its reviewer saw.
INSERT INTO layer_status (document_id, layer, status)
  SELECT DISTINCT s.document_id, s.layer, d.status
  FROM spans s JOIN documents d ON d.id = s.document_id
  WHERE s.layer != '';
-- An action belongs to the layer it changed: each layer has its own undo
-- (a curator's curation and the same person's own review are two stacks).
-- Earlier actions take the layer of the spans they changed.
ALTER TABLE actions ADD COLUMN layer TEXT NOT NULL DEFAULT '';
UPDATE actions SET layer = coalesce (
  (SELECT json_extract (coalesce (h.after, h.before), '$.layer') FROM history h
   WHERE h.action_id = actions.id AND h.entity = 'span'
     AND json_extract (coalesce (h.after, h.before), '$.layer') IS NOT NULL
   ORDER BY h.id LIMIT 1), '');
-- History's document rows say which layer's status they hold.
UPDATE history SET before = json_set (before, '$.layer', (SELECT a.layer FROM actions a WHERE a.id = history.action_id))
  WHERE entity = 'document' AND before IS NOT NULL;
UPDATE history SET after = json_set (after, '$.layer', (SELECT a.layer FROM actions a WHERE a.id = history.action_id))
  WHERE entity = 'document' AND after IS NOT NULL;
DROP INDEX actions_reviewer;
CREATE INDEX actions_reviewer ON actions (reviewer, layer, state, undoable);
-- The reviewers' accepted spans the curated layer of a report has been
-- offered: each is offered once as a suggestion of the curated layer, so
-- that one the curator deleted or moved does not come back, and one a later
-- merge brings is offered.
CREATE TABLE curation_seeds (
  document_id  INTEGER NOT NULL REFERENCES documents (id) ON DELETE CASCADE,
  start_offset INTEGER NOT NULL,
  end_offset   INTEGER NOT NULL,
  label        TEXT    NOT NULL,
  PRIMARY KEY (document_id, start_offset, end_offset, label)
) WITHOUT ROWID;
