-- schema-3.sql: version 3 of the workspace schema
-- SPDX-License-Identifier: GPL-3.0-or-later
-- History keeps the changes of documents (their status and title) and of
-- relations beside those of spans, so that every action is undone alike.
-- span_id holds the id of the changed row of that entity.
ALTER TABLE history ADD COLUMN entity TEXT NOT NULL DEFAULT 'span'
  CHECK (entity IN ('span', 'relation', 'document'));
