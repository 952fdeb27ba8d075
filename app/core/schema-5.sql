-- schema-5.sql: version 5 of the workspace schema
-- SPDX-License-Identifier: GPL-3.0-or-later
-- A suggestion carries how sure its extractor was (a probability in [0, 1])
-- and what in the extractor made it (a rule or a list: "rule:number",
-- "list:place-streets"). A reviewer who relabels or moves it takes away its
-- confidence and leaves its source: the source was wrong there. Spans of reviewers, of imports and of earlier
-- versions have neither. History's span rows say so too, so that undo brings
-- back what a span had.
ALTER TABLE spans ADD COLUMN confidence REAL
  CHECK (confidence IS NULL OR (confidence >= 0 AND confidence <= 1));
ALTER TABLE spans ADD COLUMN source TEXT;
-- A suggestion accepted by confidence (bulk acceptance) rather than read: its
-- acceptance says nothing of its source's precision.
ALTER TABLE spans ADD COLUMN accepted_in_bulk INTEGER NOT NULL DEFAULT 0
  CHECK (accepted_in_bulk IN (0, 1));
UPDATE history SET before = json_set(before, '$.confidence', NULL, '$.source', NULL,
                                     '$.accepted_in_bulk', 0)
  WHERE entity = 'span' AND before IS NOT NULL;
UPDATE history SET after = json_set(after, '$.confidence', NULL, '$.source', NULL,
                                    '$.accepted_in_bulk', 0)
  WHERE entity = 'span' AND after IS NOT NULL;
-- The undecided suggestions of a document by confidence (bulk acceptance, the
-- least sure first), and review progress, from one index.
DROP INDEX spans_document_status;
CREATE INDEX spans_document_status ON spans (document_id, status, confidence);
-- The decisions of reviewers on each source's suggestions, which refine its precision.
CREATE INDEX spans_source_decisions ON spans (source, label, status)
  WHERE source IS NOT NULL AND status != 'suggested' AND accepted_in_bulk = 0;
