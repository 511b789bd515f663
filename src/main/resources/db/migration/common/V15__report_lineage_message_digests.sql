-- The completion a record was captured from, as field digests: a JSON object of field name -> SHA-256 (hex) of
-- the field's canonical JSON (keys sorted), for every field a repeat is not compared on by value (pipeline_logs,
-- inputs, pdf.* but pdf.sha256, fields outside the contract). A repeat whose digests differ is a 409 naming the
-- fields, without reading back or decompressing the stored documents. NULL for rows captured before this
-- column existed and for messages the service builds (reconciler, OpenLineage): those repeats are compared on
-- the record's columns only, as before.
ALTER TABLE report_lineage ADD COLUMN message_digests ${json_type};
