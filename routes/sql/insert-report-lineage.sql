-- One lineage row. The UNIQUE report_generation_id makes a concurrent duplicate fail here, atomically;
-- the route turns that failure into "duplicate" and answers with the row that won.
INSERT INTO report_lineage (
    id, report_generation_id, lead_id, pipeline_run_id, template_version_id,
    pipeline_start_time, pipeline_end_time, pipeline_logs, pipeline_logs_gzip,
    raw_inputs_compressed, raw_inputs_size_bytes, compression_ratio, raw_inputs_sha256,
    pdf_sha256, truncated, capture_source, created_at, message_digests
) VALUES (
    :#${exchangeProperty.lineageRow[id]},
    :#${exchangeProperty.lineageRow[report_generation_id]},
    :#${exchangeProperty.lineageRow[lead_id]},
    :#${exchangeProperty.lineageRow[pipeline_run_id]},
    :#${exchangeProperty.lineageRow[template_version_id]},
    :#${exchangeProperty.lineageRow[pipeline_start_time]},
    :#${exchangeProperty.lineageRow[pipeline_end_time]},
    :#${exchangeProperty.lineageRow[pipeline_logs]},
    :#${exchangeProperty.lineageRow[pipeline_logs_gzip]},
    :#${exchangeProperty.lineageRow[raw_inputs_compressed]},
    :#${exchangeProperty.lineageRow[raw_inputs_size_bytes]},
    :#${exchangeProperty.lineageRow[compression_ratio]},
    :#${exchangeProperty.lineageRow[raw_inputs_sha256]},
    :#${exchangeProperty.lineageRow[pdf_sha256]},
    :#${exchangeProperty.lineageRow[truncated]},
    :#${exchangeProperty.lineageRow[capture_source]},
    :#${exchangeProperty.lineageRow[created_at]},
    :#${exchangeProperty.lineageRow[message_digests]}
)
