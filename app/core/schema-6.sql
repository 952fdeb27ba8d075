-- schema-6.sql: version 6 of the workspace schema
-- SPDX-License-Identifier: GPL-3.0-or-later
-- The trained taggers of the workspace. A model's id is the N of its
-- suggestions' origin "model@N". One model at most is active: the one the
-- extractor combines with its rules; an older one can be made active again.
-- blob is the model as bz_tagger_save() writes it (format: its format
-- version, which a build reads up to its own); trained_on is a JSON array of
-- the reports it learned from ({"title", "sha256"}); scores a JSON object
-- of what was measured when it was trained.
CREATE TABLE models (
  id          INTEGER PRIMARY KEY,
  format      INTEGER NOT NULL CHECK (format > 0),
  blob        BLOB    NOT NULL,
  trained_on  TEXT    NOT NULL DEFAULT '[]',
  n_reports   INTEGER NOT NULL CHECK (n_reports >= 0),
  scores      TEXT    NOT NULL DEFAULT '{}',
  trained_by  TEXT    NOT NULL,
  created     INTEGER NOT NULL,
  active      INTEGER NOT NULL DEFAULT 0 CHECK (active IN (0, 1))
);
CREATE UNIQUE INDEX models_active ON models (active) WHERE active = 1;
