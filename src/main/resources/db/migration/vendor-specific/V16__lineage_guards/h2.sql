-- H2's side of V16 (PostgreSQL's are PL/pgSQL): the class names are stored in every H2 database. H2 has no
-- column-specific triggers (the class compares every column but the access counters) and no TRUNCATE triggers
-- (report_lineage_truncate_evidence and lineage_legal_hold_truncate_evidence exist on PostgreSQL only).
CREATE TRIGGER report_lineage_immutable BEFORE UPDATE ON report_lineage
    FOR EACH ROW CALL 'com.leadfactory.lineage.hold.ImmutableLineageTrigger';

CREATE TRIGGER lineage_legal_hold_immutable BEFORE UPDATE ON lineage_legal_hold
    FOR EACH ROW CALL 'com.leadfactory.lineage.hold.ImmutableHoldTrigger';

CREATE TRIGGER lineage_legal_hold_deletion_evidence AFTER DELETE ON lineage_legal_hold
    FOR EACH ROW CALL 'com.leadfactory.lineage.hold.HoldDeletionEvidenceTrigger';
