CREATE TRIGGER fixture_refuse_held_delete BEFORE DELETE ON report_lineage
    FOR EACH ROW CALL 'com.leadfactory.lineage.schema.fixture.RefuseHeldDelete';

CREATE TRIGGER fixture_deletion_evidence AFTER DELETE ON report_lineage
    FOR EACH ROW CALL 'com.leadfactory.lineage.schema.fixture.DeletionEvidence';
