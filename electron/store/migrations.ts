// Numbered schema migrations. Migration N brings a store from user_version N-1 to N; all pending ones
// run in one transaction at open. Never edit a migration that has shipped: add the next one.

import { LOWER_IS_BETTER_WORDS } from '../../shared/domain/direction';

/** The rule of shared/domain/direction.ts deriveDirection, in SQL, for targets stored before directions existed. */
const LOWER_BETTER_SQL = LOWER_IS_BETTER_WORDS.map((w) => `upper(indicator) LIKE '%${w.toUpperCase().replace(/'/g, "''")}%'`).join(' OR ');

export const MIGRATIONS: readonly string[] = [
  // 1: plans, targets with provenance, edit history, import batches, series, observations (vintaged), links
  `
  CREATE TABLE plans (
    id INTEGER PRIMARY KEY,
    year INTEGER NOT NULL,
    region TEXT NOT NULL,
    title TEXT NOT NULL,
    source_file TEXT NOT NULL,
    source_text TEXT NOT NULL,
    created_at TEXT NOT NULL
  );
  CREATE TABLE targets (
    id INTEGER PRIMARY KEY,
    plan_id INTEGER NOT NULL REFERENCES plans(id) ON DELETE CASCADE,
    position INTEGER NOT NULL,
    section TEXT NOT NULL,
    indicator TEXT NOT NULL,
    kind TEXT NOT NULL CHECK (kind IN ('growth_rate','level','increment','share','count','reduction','task')),
    value REAL,
    value_low REAL,
    value_high REAL,
    unit TEXT,
    comparator TEXT CHECK (comparator IS NULL OR comparator IN ('about','at_least','at_most','reach','exceed','stable','range')),
    qualifier TEXT CHECK (qualifier IS NULL OR qualifier IN ('strive','ensure')),
    basis TEXT,
    quote TEXT NOT NULL,
    quote_start INTEGER NOT NULL,
    quote_end INTEGER NOT NULL,
    notes TEXT NOT NULL DEFAULT '',
    tolerance REAL,
    task_status TEXT NOT NULL DEFAULT 'open'
  );
  CREATE INDEX targets_plan ON targets(plan_id, position);
  -- One row per changed field; rows of one user action share group_id so undo reverts them together.
  CREATE TABLE edits (
    id INTEGER PRIMARY KEY,
    group_id INTEGER NOT NULL,
    target_id INTEGER NOT NULL REFERENCES targets(id) ON DELETE CASCADE,
    field TEXT NOT NULL,
    old_value TEXT,
    new_value TEXT,
    user TEXT NOT NULL,
    at TEXT NOT NULL,
    source TEXT NOT NULL DEFAULT 'grid',
    undone INTEGER NOT NULL DEFAULT 0
  );
  CREATE INDEX edits_target ON edits(target_id, id);
  CREATE INDEX edits_group ON edits(group_id);
  CREATE TABLE import_batches (
    id INTEGER PRIMARY KEY,
    file_name TEXT NOT NULL,
    file_hash TEXT NOT NULL,
    imported_at TEXT NOT NULL,
    series_count INTEGER NOT NULL DEFAULT 0,
    observation_count INTEGER NOT NULL DEFAULT 0,
    skipped_count INTEGER NOT NULL DEFAULT 0,
    undone INTEGER NOT NULL DEFAULT 0,
    details TEXT NOT NULL DEFAULT '{}'
  );
  CREATE TABLE series (
    id INTEGER PRIMARY KEY,
    name TEXT NOT NULL,
    label TEXT NOT NULL,
    unit TEXT NOT NULL,
    measure TEXT NOT NULL CHECK (measure IN ('monthly','cumulative','yoy','yoy_cumulative','index')),
    frequency TEXT NOT NULL CHECK (frequency IN ('monthly','quarterly','yearly')),
    region TEXT NOT NULL DEFAULT '',
    UNIQUE (label, unit, measure, frequency, region)
  );
  -- Vintages: a re-import with a different value adds a row; the current value of (series, period)
  -- is the row of the newest batch. Undoing a batch deletes its rows, so the earlier value is current again.
  CREATE TABLE observations (
    id INTEGER PRIMARY KEY,
    series_id INTEGER NOT NULL REFERENCES series(id) ON DELETE CASCADE,
    period TEXT NOT NULL,
    value REAL NOT NULL,
    batch_id INTEGER NOT NULL REFERENCES import_batches(id) ON DELETE CASCADE,
    sheet TEXT NOT NULL DEFAULT '',
    cell TEXT NOT NULL DEFAULT '',
    label TEXT NOT NULL DEFAULT '',
    source_period TEXT NOT NULL DEFAULT ''
  );
  CREATE INDEX observations_series_period ON observations(series_id, period, batch_id);
  CREATE INDEX observations_batch ON observations(batch_id);
  -- A target measured by one series, or by a formula over series (JSON), with the analyst's confirmation.
  CREATE TABLE links (
    target_id INTEGER PRIMARY KEY REFERENCES targets(id) ON DELETE CASCADE,
    series_id INTEGER REFERENCES series(id) ON DELETE CASCADE,
    formula TEXT,
    source TEXT NOT NULL DEFAULT 'manual',
    created_at TEXT NOT NULL
  );
  `,
  // 2: a link may carry a level series beside a growth series (required growth for the rest of the year)
  `
  ALTER TABLE links ADD COLUMN level_series_id INTEGER REFERENCES series(id) ON DELETE SET NULL;
  `,
  // issue 9: a series is who it is — indicator name (normalised) + unit + measure + frequency + region, no longer the
  // label as printed (kept, the latest shown); the measure CHECK widened to stock, mom, level; a settings table
  // (the home region). SQLite's table rebuild (create, copy, drop, rename); openStore runs migrations with foreign
  // keys off so the drop cascades nothing, and checks them before commit.
  `
  CREATE TABLE series_v3 (
    id INTEGER PRIMARY KEY,
    name TEXT NOT NULL,
    label TEXT NOT NULL,
    unit TEXT NOT NULL,
    measure TEXT NOT NULL CHECK (measure IN ('monthly','cumulative','yoy','yoy_cumulative','index','stock','mom','level')),
    frequency TEXT NOT NULL CHECK (frequency IN ('monthly','quarterly','yearly')),
    region TEXT NOT NULL DEFAULT '',
    UNIQUE (name, unit, measure, frequency, region)
  );
  -- Two old series that differed only by label would now be one: they stay apart (nothing merges unseen), the
  -- later ones named by their label, and failing that by label and id.
  UPDATE series SET name = label
   WHERE id NOT IN (SELECT MIN(id) FROM series GROUP BY name, unit, measure, frequency, region);
  UPDATE series SET name = name || '（#' || id || '）'
   WHERE id NOT IN (SELECT MIN(id) FROM series GROUP BY name, unit, measure, frequency, region);
  -- A file that named no region belongs to the store's home region: the plan's province, unless a series of
  -- that region with the same identity exists already (then the unstated one stays as it was).
  UPDATE series SET region = (SELECT region FROM plans WHERE region <> '' ORDER BY id DESC LIMIT 1)
   WHERE region = '' AND EXISTS (SELECT 1 FROM plans WHERE region <> '')
     AND NOT EXISTS (SELECT 1 FROM series t WHERE t.name = series.name AND t.unit = series.unit AND t.measure = series.measure
                     AND t.frequency = series.frequency AND t.region = (SELECT region FROM plans WHERE region <> '' ORDER BY id DESC LIMIT 1));
  INSERT INTO series_v3 (id, name, label, unit, measure, frequency, region) SELECT id, name, label, unit, measure, frequency, region FROM series;
  DROP TABLE series;
  ALTER TABLE series_v3 RENAME TO series;
  CREATE INDEX series_name ON series(name);
  CREATE TABLE settings (
    key TEXT PRIMARY KEY,
    value TEXT NOT NULL
  );
  `,
  // issue 10: a target restated in the plan keeps its other statements (section, quote, offsets, differences) as JSON
  `
  ALTER TABLE targets ADD COLUMN also_stated_at TEXT NOT NULL DEFAULT '[]';
  `,
  // issue 11: which way is good per target (higher_better / lower_better / band), derived from the wording
  `
  ALTER TABLE targets ADD COLUMN direction TEXT NOT NULL DEFAULT 'higher_better' CHECK (direction IN ('higher_better','lower_better','band'));
  UPDATE targets SET direction = CASE
    WHEN kind = 'task' THEN 'higher_better'
    WHEN comparator = 'at_most' OR kind = 'reduction' OR ${LOWER_BETTER_SQL} THEN 'lower_better'
    WHEN comparator IN ('range','stable') OR (value IS NULL AND value_low IS NOT NULL AND value_high IS NOT NULL) THEN 'band'
    ELSE 'higher_better' END;
  `,
];


export const SCHEMA_VERSION = MIGRATIONS.length;
