// Numbered schema migrations. Migration N brings a store from user_version N-1 to N; all pending ones
// run in one transaction at open. Never edit a migration that has shipped: add the next one.

import { LOWER_IS_BETTER_WORDS } from '../../shared/domain/direction';

/** The rule of shared/domain/direction.ts deriveDirection, in SQL, for targets stored before directions existed. */
const LOWER_BETTER_SQL = LOWER_IS_BETTER_WORDS.map((w) => `upper(indicator) LIKE '%${w.toUpperCase().replace(/'/g, "''")}%'`).join(' OR ');

/**
 * Which state of the observations the kept series counts describe (issue 12, migration 9): the highest observation
 * id (every commit that writes rows raises it) and the batches' number, highest id and undone sum (every commit and
 * undo changes one of them). Written by every write that keeps the counts; compared by every reader.
 */
export const SERIES_COUNTS_STAMP_SQL = `(SELECT COALESCE(MAX(id), 0) FROM observations) || ':' ||
  (SELECT COUNT(*) || ':' || COALESCE(MAX(id), 0) || ':' || COALESCE(SUM(undone), 0) FROM import_batches)`;
/** The stamp of a store without batches (so without observations): no counts row, no state row needed. */
export const SERIES_COUNTS_EMPTY_STAMP = '0:0:0:0';
/** The counts as one grouped scan of the observations gives them, and the stamp of what they describe. */
export const SERIES_COUNTS_FILL_SQL = `
  INSERT INTO series_counts (series_id, first_period, last_period, observation_count, last_batch_id)
    SELECT series_id, MIN(period), MAX(period), COUNT(DISTINCT period), MAX(batch_id) FROM observations GROUP BY series_id;
  INSERT INTO series_counts_state (id, stamp) SELECT 1, ${SERIES_COUNTS_STAMP_SQL} WHERE EXISTS (SELECT 1 FROM import_batches);`;

/**
 * Each batch's observation id range (migration 10, electron/store/batchRanges.ts), as one grouped scan of the
 * observations gives it: every batch with rows gets its lowest and highest id; a batch without rows has no range row.
 * Rewritten whole, so running it again (a store taken back to an earlier version by a test) gives the same rows.
 */
export const BATCH_RANGES_FILL_SQL = `
  DELETE FROM batch_observation_ranges;
  INSERT INTO batch_observation_ranges (batch_id, first_id, last_id)
    SELECT batch_id, MIN(id), MAX(id) FROM observations GROUP BY batch_id;`;

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
  // issue 14: who did what, and no lost update. A target's revision rises with every saved change, so a save made
  // against an older revision is refused (with who changed it and when) instead of overwriting a colleague's value.
  // Links and import batches record their author; undone edits and batches who undid them; refused saves are kept.
  `
  ALTER TABLE targets ADD COLUMN revision INTEGER NOT NULL DEFAULT 0;
  ALTER TABLE targets ADD COLUMN updated_by TEXT;
  ALTER TABLE targets ADD COLUMN updated_at TEXT;
  ALTER TABLE plans ADD COLUMN created_by TEXT NOT NULL DEFAULT '';
  ALTER TABLE links ADD COLUMN created_by TEXT NOT NULL DEFAULT '';
  ALTER TABLE import_batches ADD COLUMN imported_by TEXT NOT NULL DEFAULT '';
  ALTER TABLE import_batches ADD COLUMN undone_by TEXT;
  ALTER TABLE import_batches ADD COLUMN undone_at TEXT;
  ALTER TABLE edits ADD COLUMN undone_by TEXT;
  ALTER TABLE edits ADD COLUMN undone_at TEXT;
  CREATE TABLE edit_refusals (
    id INTEGER PRIMARY KEY,
    target_id INTEGER NOT NULL REFERENCES targets(id) ON DELETE CASCADE,
    field TEXT NOT NULL,
    attempted_value TEXT,
    seen_revision INTEGER,
    current_value TEXT,
    "user" TEXT NOT NULL,
    at TEXT NOT NULL,
    source TEXT NOT NULL,
    changed_by TEXT,
    changed_at TEXT
  );
  CREATE INDEX edit_refusals_target ON edit_refusals(target_id, id);
  `,
  // issue 14 (bench): nothing on SQLite; on PostgreSQL the change counter moves once per transaction (see PG_MIGRATIONS[7]).
  `
  SELECT 1;
  `,
  // issue 12: an observation's provenance without repeating its row's texts. The sheet and the label as printed are
  // the same for every value of an indicator row (50 values of a row carried the same long label), and the period
  // as printed is the same for every value of a column: each is written once per batch, in observation_sources and
  // source_periods, and the row keeps their ids and its own cell. Rows 0.55–0.7 of the old width to write.
  // No foreign key on the two ids: SQLite would look the parent up for every row written, and deleting a batch's
  // sources would scan the observations for each one (no index on the ids, which every insert would pay for). They
  // are valid by construction: the writer (electron/import/observationRows.ts) inserts a batch's texts in the same
  // transaction as its rows, and undo deletes the rows before the texts; both belong to the batch (batch_id).
  // A row without texts (none recorded) has NULL ids and reads as '' as before. Table rebuild, ids kept.
  `
  CREATE TABLE observation_sources (
    id INTEGER PRIMARY KEY,
    batch_id INTEGER NOT NULL REFERENCES import_batches(id) ON DELETE CASCADE,
    sheet TEXT NOT NULL DEFAULT '',
    label TEXT NOT NULL DEFAULT '',
    UNIQUE (batch_id, sheet, label)
  );
  CREATE TABLE source_periods (
    id INTEGER PRIMARY KEY,
    batch_id INTEGER NOT NULL REFERENCES import_batches(id) ON DELETE CASCADE,
    text TEXT NOT NULL DEFAULT '',
    UNIQUE (batch_id, text)
  );
  INSERT INTO observation_sources (batch_id, sheet, label)
    SELECT batch_id, sheet, label FROM observations GROUP BY batch_id, sheet, label ORDER BY MIN(id);
  INSERT INTO source_periods (batch_id, text)
    SELECT batch_id, source_period FROM observations GROUP BY batch_id, source_period ORDER BY MIN(id);
  CREATE TABLE observations_v8 (
    id INTEGER PRIMARY KEY,
    series_id INTEGER NOT NULL REFERENCES series(id) ON DELETE CASCADE,
    period TEXT NOT NULL,
    value REAL NOT NULL,
    batch_id INTEGER NOT NULL REFERENCES import_batches(id) ON DELETE CASCADE,
    source_id INTEGER,
    cell TEXT NOT NULL DEFAULT '',
    source_period_id INTEGER
  );
  INSERT INTO observations_v8 (id, series_id, period, value, batch_id, source_id, cell, source_period_id)
    SELECT o.id, o.series_id, o.period, o.value, o.batch_id, s.id, o.cell, p.id
      FROM observations o
      JOIN observation_sources s ON s.batch_id = o.batch_id AND s.sheet = o.sheet AND s.label = o.label
      JOIN source_periods p ON p.batch_id = o.batch_id AND p.text = o.source_period;
  DROP TABLE observations;
  ALTER TABLE observations_v8 RENAME TO observations;
  CREATE INDEX observations_series_period ON observations(series_id, period, batch_id);
  CREATE INDEX observations_batch ON observations(batch_id);
  `,
  // issue 12: each series' counts kept (first and last period, number of periods, last batch), so the series list
  // reads 20,000 rows instead of grouping 1,000,000 observations (0.5 s) on its first call. Every write that changes
  // observations keeps them in the same transaction (electron/store/seriesCounts.ts); the stamp says which state of
  // the observations they describe, and a reader that finds another state counts afresh. Filled here from the rows
  // an existing store holds; a store with no batch has no observations and no stamp (SERIES_COUNTS_EMPTY_STAMP).
  `
  CREATE TABLE series_counts (
    series_id INTEGER PRIMARY KEY REFERENCES series(id) ON DELETE CASCADE,
    first_period TEXT NOT NULL,
    last_period TEXT NOT NULL,
    observation_count INTEGER NOT NULL,
    last_batch_id INTEGER NOT NULL
  );
  CREATE TABLE series_counts_state (
    id INTEGER PRIMARY KEY CHECK (id = 1),
    stamp TEXT NOT NULL
  );
  ${SERIES_COUNTS_FILL_SQL}
  `,
  // issue 12: the index on observations(batch_id) dropped; each batch's id range kept instead. The index served only
  // undo (which rows a batch wrote), and every observation written paid for its entry: at 1,000,000 rows it was
  // 0.15–0.25 of the raw insert's time (bench/insertFloor.ts). A batch's rows are written in its one transaction, so
  // their ids lie between the highest id before it and the highest after it (electron/store/batchRanges.ts); undo
  // reads `id BETWEEN first AND last AND batch_id = ?`, exact even when a later batch reuses the ids of an undone
  // one. The ranges are trusted under the kept counts' stamp (seriesCounts.ts): rows written by something that keeps
  // neither make undo scan the table, and the next keeping write rebuilds both. The table is created only if absent
  // and filled afresh, so the migration can run again on a store taken back to an earlier version.
  `
  CREATE TABLE IF NOT EXISTS batch_observation_ranges (
    batch_id INTEGER PRIMARY KEY REFERENCES import_batches(id) ON DELETE CASCADE,
    first_id INTEGER NOT NULL,
    last_id INTEGER NOT NULL
  );
  ${BATCH_RANGES_FILL_SQL}
  DROP INDEX IF EXISTS observations_batch;
  `,
];

/**
 * SQLite's observations table as it was before migration 8 (the texts on every row), named `table`, and its two
 * indexes: what a bench compares the new rows with, and what a test takes a store back to. Not used by the store.
 */
export function observationsBeforeV8Sql(table: string): string {
  return `
  CREATE TABLE ${table} (
    id INTEGER PRIMARY KEY,
    series_id INTEGER NOT NULL REFERENCES series(id) ON DELETE CASCADE,
    period TEXT NOT NULL,
    value REAL NOT NULL,
    batch_id INTEGER NOT NULL REFERENCES import_batches(id) ON DELETE CASCADE,
    sheet TEXT NOT NULL DEFAULT '',
    cell TEXT NOT NULL DEFAULT '',
    label TEXT NOT NULL DEFAULT '',
    source_period TEXT NOT NULL DEFAULT ''
  );`;
}

/** The two indexes of the observations table (the same before and after migration 8). */
export const OBSERVATION_INDEXES_SQL = `
  CREATE INDEX observations_series_period ON observations(series_id, period, batch_id);
  CREATE INDEX observations_batch ON observations(batch_id);`;

export const SCHEMA_VERSION = MIGRATIONS.length;

// ---- PostgreSQL (team mode, issue 14) ----
// A server store starts at PG_BASE_VERSION with the whole schema of that version in one step (it never had the
// SQLite stores' history), then takes every later migration in its PostgreSQL form, numbered as SQLite's, so a
// store's version means the same on both engines (copy-store relies on it). Text columns use the C collation:
// SQLite compares and sorts text by bytes, and periods, names and keys must order the same on the server.
// Ids are identity columns that also accept the ids a copied store brings (copy-store then moves the sequences).

export const PG_BASE_VERSION = 5;

const T = 'TEXT COLLATE "C"';

/** The change counter the triggers raise, and the channel they notify (pgStore.ts changeKey, the live grid). */
export const PG_CHANGES_CHANNEL = 'workbench_changes';

const PG_TABLES = ['plans', 'targets', 'edits', 'import_batches', 'series', 'observations', 'links', 'settings'];

export const PG_BASE = `
  CREATE TABLE workbench_schema (version INTEGER NOT NULL);
  INSERT INTO workbench_schema (version) VALUES (0);
  CREATE TABLE workbench_changes (n BIGINT NOT NULL);
  INSERT INTO workbench_changes (n) VALUES (0);
  CREATE TABLE plans (
    id INTEGER GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY,
    year INTEGER NOT NULL,
    region ${T} NOT NULL,
    title ${T} NOT NULL,
    source_file ${T} NOT NULL,
    source_text ${T} NOT NULL,
    created_at ${T} NOT NULL
  );
  CREATE TABLE targets (
    id INTEGER GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY,
    plan_id INTEGER NOT NULL REFERENCES plans(id) ON DELETE CASCADE,
    position INTEGER NOT NULL,
    section ${T} NOT NULL,
    indicator ${T} NOT NULL,
    kind ${T} NOT NULL CHECK (kind IN ('growth_rate','level','increment','share','count','reduction','task')),
    value DOUBLE PRECISION,
    value_low DOUBLE PRECISION,
    value_high DOUBLE PRECISION,
    unit ${T},
    comparator ${T} CHECK (comparator IS NULL OR comparator IN ('about','at_least','at_most','reach','exceed','stable','range')),
    qualifier ${T} CHECK (qualifier IS NULL OR qualifier IN ('strive','ensure')),
    basis ${T},
    quote ${T} NOT NULL,
    quote_start INTEGER NOT NULL,
    quote_end INTEGER NOT NULL,
    notes ${T} NOT NULL DEFAULT '',
    tolerance DOUBLE PRECISION,
    task_status ${T} NOT NULL DEFAULT 'open',
    also_stated_at ${T} NOT NULL DEFAULT '[]',
    direction ${T} NOT NULL DEFAULT 'higher_better' CHECK (direction IN ('higher_better','lower_better','band'))
  );
  CREATE INDEX targets_plan ON targets(plan_id, position);
  CREATE TABLE edits (
    id INTEGER GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY,
    group_id INTEGER NOT NULL,
    target_id INTEGER NOT NULL REFERENCES targets(id) ON DELETE CASCADE,
    field ${T} NOT NULL,
    old_value ${T},
    new_value ${T},
    "user" ${T} NOT NULL,
    at ${T} NOT NULL,
    source ${T} NOT NULL DEFAULT 'grid',
    undone INTEGER NOT NULL DEFAULT 0
  );
  CREATE INDEX edits_target ON edits(target_id, id);
  CREATE INDEX edits_group ON edits(group_id);
  CREATE TABLE import_batches (
    id INTEGER GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY,
    file_name ${T} NOT NULL,
    file_hash ${T} NOT NULL,
    imported_at ${T} NOT NULL,
    series_count INTEGER NOT NULL DEFAULT 0,
    observation_count INTEGER NOT NULL DEFAULT 0,
    skipped_count INTEGER NOT NULL DEFAULT 0,
    undone INTEGER NOT NULL DEFAULT 0,
    details ${T} NOT NULL DEFAULT '{}'
  );
  CREATE TABLE series (
    id INTEGER GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY,
    name ${T} NOT NULL,
    label ${T} NOT NULL,
    unit ${T} NOT NULL,
    measure ${T} NOT NULL CHECK (measure IN ('monthly','cumulative','yoy','yoy_cumulative','index','stock','mom','level')),
    frequency ${T} NOT NULL CHECK (frequency IN ('monthly','quarterly','yearly')),
    region ${T} NOT NULL DEFAULT '',
    UNIQUE (name, unit, measure, frequency, region)
  );
  CREATE INDEX series_name ON series(name);
  CREATE TABLE observations (
    id INTEGER GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY,
    series_id INTEGER NOT NULL REFERENCES series(id) ON DELETE CASCADE,
    period ${T} NOT NULL,
    value DOUBLE PRECISION NOT NULL,
    batch_id INTEGER NOT NULL REFERENCES import_batches(id) ON DELETE CASCADE,
    sheet ${T} NOT NULL DEFAULT '',
    cell ${T} NOT NULL DEFAULT '',
    label ${T} NOT NULL DEFAULT '',
    source_period ${T} NOT NULL DEFAULT ''
  );
  CREATE INDEX observations_series_period ON observations(series_id, period, batch_id);
  CREATE INDEX observations_batch ON observations(batch_id);
  CREATE TABLE links (
    target_id INTEGER PRIMARY KEY REFERENCES targets(id) ON DELETE CASCADE,
    series_id INTEGER REFERENCES series(id) ON DELETE CASCADE,
    formula ${T},
    source ${T} NOT NULL DEFAULT 'manual',
    created_at ${T} NOT NULL,
    level_series_id INTEGER REFERENCES series(id) ON DELETE SET NULL
  );
  CREATE TABLE settings (
    key ${T} PRIMARY KEY,
    value ${T} NOT NULL
  );
  -- Every committed write raises the change counter and tells the listening workbenches which table moved
  -- (payloads of one transaction are merged by the server, so an import notifies once per table).
  CREATE FUNCTION workbench_changed() RETURNS trigger LANGUAGE plpgsql AS $$
  BEGIN
    UPDATE workbench_changes SET n = n + 1;
    PERFORM pg_notify('${PG_CHANGES_CHANNEL}', TG_TABLE_NAME);
    RETURN NULL;
  END $$;
  ${PG_TABLES.map((t) => `CREATE TRIGGER ${t}_changed AFTER INSERT OR UPDATE OR DELETE ON ${t} FOR EACH STATEMENT EXECUTE FUNCTION workbench_changed();`).join('\n  ')}
`;

/** PostgreSQL forms of the migrations after the base, by the version they bring the store to. */
export const PG_MIGRATIONS: Readonly<Record<number, string>> = {
  // issue 14: as the SQLite migration 6 above
  6: `
  ALTER TABLE targets ADD COLUMN revision INTEGER NOT NULL DEFAULT 0;
  ALTER TABLE targets ADD COLUMN updated_by ${T};
  ALTER TABLE targets ADD COLUMN updated_at ${T};
  ALTER TABLE plans ADD COLUMN created_by ${T} NOT NULL DEFAULT '';
  ALTER TABLE links ADD COLUMN created_by ${T} NOT NULL DEFAULT '';
  ALTER TABLE import_batches ADD COLUMN imported_by ${T} NOT NULL DEFAULT '';
  ALTER TABLE import_batches ADD COLUMN undone_by ${T};
  ALTER TABLE import_batches ADD COLUMN undone_at ${T};
  ALTER TABLE edits ADD COLUMN undone_by ${T};
  ALTER TABLE edits ADD COLUMN undone_at ${T};
  CREATE TABLE edit_refusals (
    id INTEGER GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY,
    target_id INTEGER NOT NULL REFERENCES targets(id) ON DELETE CASCADE,
    field ${T} NOT NULL,
    attempted_value ${T},
    seen_revision INTEGER,
    current_value ${T},
    "user" ${T} NOT NULL,
    at ${T} NOT NULL,
    source ${T} NOT NULL,
    changed_by ${T},
    changed_at ${T}
  );
  CREATE INDEX edit_refusals_target ON edit_refusals(target_id, id);
  CREATE TRIGGER edit_refusals_changed AFTER INSERT OR UPDATE OR DELETE ON edit_refusals FOR EACH STATEMENT EXECUTE FUNCTION workbench_changed();
  `,
  // issue 14 (bench): the change counter moves once per transaction, not once per statement. Every UPDATE of its
  // one row leaves a row version that later statements of the same transaction must step over, so a transaction
  // of many statements (an import: one per row, or per chunk of rows) slowed down quadratically. A setting local
  // to the transaction remembers that it was counted (rolled back with it, savepoints included).
  7: `
  CREATE OR REPLACE FUNCTION workbench_changed() RETURNS trigger LANGUAGE plpgsql AS $$
  BEGIN
    IF current_setting('workbench.counted', true) IS DISTINCT FROM 'yes' THEN
      UPDATE workbench_changes SET n = n + 1;
      PERFORM set_config('workbench.counted', 'yes', true);
    END IF;
    PERFORM pg_notify('${PG_CHANGES_CHANNEL}', TG_TABLE_NAME);
    RETURN NULL;
  END $$;
  `,
  // issue 12: as the SQLite migration 8 above (the texts of a batch once, the rows keep their ids). Columns added
  // and dropped in place; the UPDATE rewrites every row once.
  8: `
  CREATE TABLE observation_sources (
    id INTEGER GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY,
    batch_id INTEGER NOT NULL REFERENCES import_batches(id) ON DELETE CASCADE,
    sheet ${T} NOT NULL DEFAULT '',
    label ${T} NOT NULL DEFAULT '',
    UNIQUE (batch_id, sheet, label)
  );
  CREATE TABLE source_periods (
    id INTEGER GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY,
    batch_id INTEGER NOT NULL REFERENCES import_batches(id) ON DELETE CASCADE,
    text ${T} NOT NULL DEFAULT '',
    UNIQUE (batch_id, text)
  );
  INSERT INTO observation_sources (batch_id, sheet, label)
    SELECT batch_id, sheet, label FROM observations GROUP BY batch_id, sheet, label ORDER BY MIN(id);
  INSERT INTO source_periods (batch_id, text)
    SELECT batch_id, source_period FROM observations GROUP BY batch_id, source_period ORDER BY MIN(id);
  ALTER TABLE observations ADD COLUMN source_id INTEGER;
  ALTER TABLE observations ADD COLUMN source_period_id INTEGER;
  UPDATE observations o SET source_id = s.id FROM observation_sources s
   WHERE s.batch_id = o.batch_id AND s.sheet = o.sheet AND s.label = o.label;
  UPDATE observations o SET source_period_id = p.id FROM source_periods p
   WHERE p.batch_id = o.batch_id AND p.text = o.source_period;
  ALTER TABLE observations DROP COLUMN sheet;
  ALTER TABLE observations DROP COLUMN label;
  ALTER TABLE observations DROP COLUMN source_period;
  CREATE TRIGGER observation_sources_changed AFTER INSERT OR UPDATE OR DELETE ON observation_sources FOR EACH STATEMENT EXECUTE FUNCTION workbench_changed();
  CREATE TRIGGER source_periods_changed AFTER INSERT OR UPDATE OR DELETE ON source_periods FOR EACH STATEMENT EXECUTE FUNCTION workbench_changed();
  `,
  // issue 12: as the SQLite migration 9 above (each series' counts kept, with the stamp of what they describe).
  9: `
  CREATE TABLE series_counts (
    series_id INTEGER PRIMARY KEY REFERENCES series(id) ON DELETE CASCADE,
    first_period ${T} NOT NULL,
    last_period ${T} NOT NULL,
    observation_count INTEGER NOT NULL,
    last_batch_id INTEGER NOT NULL
  );
  CREATE TABLE series_counts_state (
    id INTEGER PRIMARY KEY CHECK (id = 1),
    stamp ${T} NOT NULL
  );
  ${SERIES_COUNTS_FILL_SQL}
  `,
  // issue 12: as the SQLite migration 10 above (the batch index dropped, each batch's id range kept).
  10: `
  CREATE TABLE IF NOT EXISTS batch_observation_ranges (
    batch_id INTEGER PRIMARY KEY REFERENCES import_batches(id) ON DELETE CASCADE,
    first_id INTEGER NOT NULL,
    last_id INTEGER NOT NULL
  );
  ${BATCH_RANGES_FILL_SQL}
  DROP INDEX IF EXISTS observations_batch;
  `,
};

/**
 * The server's roles (issue 14), enforced by PostgreSQL's grants, not by the workbench: viewer reads and exports;
 * analyst also edits targets, imports, links and undoes; plan owner also imports, updates and deletes plans. The
 * commission's DBA makes analysts members (`GRANT workbench_analyst TO zhang;`). Run after every migration, so new
 * tables are covered; roles are created only where the migrating role may (CREATEROLE), otherwise left to the DBA.
 */
export const PG_GRANTS = `
  DO $$
  DECLARE r TEXT;
  BEGIN
    FOREACH r IN ARRAY ARRAY['workbench_viewer','workbench_analyst','workbench_owner'] LOOP
      IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = r) THEN
        BEGIN
          EXECUTE format('CREATE ROLE %I NOLOGIN', r);
        EXCEPTION WHEN insufficient_privilege THEN
          RAISE NOTICE 'role % not created (no CREATEROLE); ask the DBA', r;
        END;
      END IF;
    END LOOP;
    IF EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'workbench_viewer') THEN
      EXECUTE format('GRANT CONNECT ON DATABASE %I TO workbench_viewer', current_database());
      GRANT USAGE ON SCHEMA public TO workbench_viewer;
      GRANT SELECT ON ALL TABLES IN SCHEMA public TO workbench_viewer;
    END IF;
    IF EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'workbench_analyst') THEN
      GRANT workbench_viewer TO workbench_analyst;
      -- issue 14 (i14-live): an analyst edits a target's fields as the grid does (and its revision and author),
      -- never its place in the plan or its quote: that is a plan update, the owner's. Column grants say so.
      REVOKE UPDATE ON targets FROM workbench_analyst;
      GRANT UPDATE (value, value_low, value_high, unit, comparator, qualifier, notes, indicator, basis, tolerance,
                    task_status, direction, revision, updated_by, updated_at) ON targets TO workbench_analyst;
      -- Edits and their undo, refused attempts, links, imports and the undo of an import (which deletes its rows).
      GRANT INSERT, UPDATE ON edits, edit_refusals, links, series, observations, import_batches TO workbench_analyst;
      GRANT DELETE ON links, series, observations TO workbench_analyst;
      -- issue 12: an import's texts of provenance, written and undone with its rows.
      GRANT INSERT, DELETE ON observation_sources, source_periods TO workbench_analyst;
      -- issue 12: each series' counts, kept by the same imports and undos.
      GRANT INSERT, UPDATE, DELETE ON series_counts, series_counts_state TO workbench_analyst;
      -- issue 12: each batch's observation id range, kept by the same imports and undos.
      GRANT INSERT, UPDATE, DELETE ON batch_observation_ranges TO workbench_analyst;
      -- The store's settings (the home region) hold for everyone: the owner's.
      REVOKE INSERT, UPDATE, DELETE ON settings FROM workbench_analyst;
      GRANT UPDATE ON workbench_changes TO workbench_analyst;
      GRANT USAGE ON ALL SEQUENCES IN SCHEMA public TO workbench_analyst;
    END IF;
    IF EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'workbench_owner') THEN
      GRANT workbench_analyst TO workbench_owner;
      GRANT INSERT, UPDATE, DELETE ON plans, targets, settings TO workbench_owner;
      GRANT DELETE ON edits, edit_refusals, import_batches TO workbench_owner;
    END IF;
  END $$;
`;
