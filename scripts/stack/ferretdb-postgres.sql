-- Lets FerretDB 1.24's reads use an index (docs/performance.md, "20,000 applicants"). FerretDB filters a field by
-- containment with the field's name as a parameter (`_jsonb->$1 @> $2`), which its B-tree indexes cannot serve, so
-- every read of one document read the whole collection. Two things make that an index scan:
--   * a GIN twin beside each B-tree index FerretDB makes on a field (`_jsonb->'field'`), which serves `@>`;
--   * plans made per call, in which `$1` is known, so that the twin's expression matches.
-- Run on FerretDB's database before FerretDB connects; every statement may run again.

SET client_min_messages = warning;

DO $$ BEGIN
  EXECUTE format('ALTER DATABASE %I SET plan_cache_mode = force_custom_plan', current_database());
END $$;

CREATE OR REPLACE FUNCTION sscard_gin_twins(btree oid) RETURNS void LANGUAGE plpgsql AS $$
DECLARE
  k integer;
  expr text;
  twin text;
  tbl regclass;
BEGIN
  SELECT indrelid::regclass INTO tbl FROM pg_index WHERE indexrelid = btree;
  FOR k IN 1 .. (SELECT indnkeyatts FROM pg_index WHERE indexrelid = btree) LOOP
    expr := pg_get_indexdef(btree, k, true);
    CONTINUE WHEN expr NOT LIKE '(_jsonb -> %';
    twin := left((SELECT relname FROM pg_class WHERE oid = btree), 55) || '_gin' || k;
    EXECUTE format('CREATE INDEX IF NOT EXISTS %I ON %s USING gin (%s jsonb_path_ops)', twin, tbl, expr);
  END LOOP;
END $$;

CREATE OR REPLACE FUNCTION sscard_gin_twins_on_create() RETURNS event_trigger LANGUAGE plpgsql AS $$
DECLARE
  created record;
BEGIN
  FOR created IN
    SELECT c.objid FROM pg_event_trigger_ddl_commands() c
    JOIN pg_class i ON i.oid = c.objid JOIN pg_am a ON a.oid = i.relam
    WHERE c.command_tag = 'CREATE INDEX' AND a.amname = 'btree'
  LOOP
    PERFORM sscard_gin_twins(created.objid);
  END LOOP;
END $$;

DROP EVENT TRIGGER IF EXISTS sscard_gin_twins;
CREATE EVENT TRIGGER sscard_gin_twins ON ddl_command_end WHEN TAG IN ('CREATE INDEX')
  EXECUTE FUNCTION sscard_gin_twins_on_create();

-- Indexes made before this ran (a store kept from an earlier release).
DO $$
DECLARE
  existing oid;
BEGIN
  FOR existing IN
    SELECT i.indexrelid FROM pg_index i JOIN pg_class c ON c.oid = i.indexrelid JOIN pg_am a ON a.oid = c.relam
    JOIN pg_namespace n ON n.oid = c.relnamespace
    WHERE a.amname = 'btree' AND n.nspname NOT IN ('pg_catalog', 'information_schema', 'pg_toast')
  LOOP
    PERFORM sscard_gin_twins(existing);
  END LOOP;
END $$;
