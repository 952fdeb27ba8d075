-- schema-2.sql: version 2 of the workspace schema
-- SPDX-License-Identifier: GPL-3.0-or-later
-- Relations say who made them, where they came from and when, like spans.
ALTER TABLE relations ADD COLUMN origin TEXT NOT NULL DEFAULT 'human';
ALTER TABLE relations ADD COLUMN reviewer TEXT;
ALTER TABLE relations ADD COLUMN created INTEGER NOT NULL DEFAULT 0;
