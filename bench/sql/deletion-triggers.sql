-- The cost of V9's two triggers on report_lineage (legal-hold guard, deletion evidence): 20,000 synthetic rows,
-- then the same 10,000-row DELETE with and without the triggers, each rolled back, twice. Run on a migrated scratch
-- database only (it inserts rows): psql -h 127.0.0.1 -U postgres -d <scratch> -f bench/sql/deletion-triggers.sql
\timing on
BEGIN;
INSERT INTO d6_report_generations (id, lead_id, pipeline_run_id, template_version_id, status, created_at, updated_at)
SELECT md5('g'||i)::uuid, md5('l'||(i%1000))::uuid, md5('r'||i)::uuid, 'tpl@bench', 'completed', now(), now() FROM generate_series(1,20000) i;
INSERT INTO report_lineage (id, report_generation_id, lead_id, pipeline_run_id, template_version_id, pipeline_start_time, pipeline_end_time, created_at)
SELECT md5('x'||i)::uuid, md5('g'||i)::uuid, md5('l'||(i%1000))::uuid, md5('r'||i)::uuid, 'tpl@bench', now(), now(), now() - interval '400 days' FROM generate_series(1,20000) i;
COMMIT;
-- 10,000 rows with both triggers
BEGIN; SELECT set_config('lineage.cause','bench',true);
DELETE FROM report_lineage WHERE id IN (SELECT id FROM report_lineage WHERE template_version_id='tpl@bench' ORDER BY created_at, id LIMIT 10000);
ROLLBACK;
-- the same 10,000 rows with the two V9 triggers disabled
BEGIN; ALTER TABLE report_lineage DISABLE TRIGGER report_lineage_refuse_held_delete; ALTER TABLE report_lineage DISABLE TRIGGER report_lineage_deletion_evidence;
DELETE FROM report_lineage WHERE id IN (SELECT id FROM report_lineage WHERE template_version_id='tpl@bench' ORDER BY created_at, id LIMIT 10000);
ROLLBACK;
BEGIN; SELECT set_config('lineage.cause','bench',true);
DELETE FROM report_lineage WHERE id IN (SELECT id FROM report_lineage WHERE template_version_id='tpl@bench' ORDER BY created_at, id LIMIT 10000);
ROLLBACK;
BEGIN; ALTER TABLE report_lineage DISABLE TRIGGER report_lineage_refuse_held_delete; ALTER TABLE report_lineage DISABLE TRIGGER report_lineage_deletion_evidence;
DELETE FROM report_lineage WHERE id IN (SELECT id FROM report_lineage WHERE template_version_id='tpl@bench' ORDER BY created_at, id LIMIT 10000);
ROLLBACK;
