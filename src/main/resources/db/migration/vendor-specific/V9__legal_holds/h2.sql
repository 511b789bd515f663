-- H2's side of the triggers (PostgreSQL's are PL/pgSQL): the class names are stored in every H2 database.
CREATE TRIGGER report_lineage_refuse_held_delete BEFORE DELETE ON report_lineage
    FOR EACH ROW CALL 'com.leadfactory.lineage.hold.RefuseHeldDeleteTrigger';

CREATE TRIGGER report_lineage_deletion_evidence AFTER DELETE ON report_lineage
    FOR EACH ROW CALL 'com.leadfactory.lineage.hold.DeletionEvidenceTrigger';
