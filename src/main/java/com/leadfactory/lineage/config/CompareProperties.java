package com.leadfactory.lineage.config;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.util.unit.DataSize;

/** {@code lineage.compare.*}: the limits of GET /api/lineage/compare's input diff. */
@ConfigurationProperties("lineage.compare")
public class CompareProperties {

    /** Raw-input documents (uncompressed) above this are not diffed: 413, never a slow answer. */
    private DataSize maxDocumentBytes = DataSize.ofMegabytes(24);

    /** Changes listed at most; change_count still counts them all. */
    private int maxChanges = 1000;

    public DataSize getMaxDocumentBytes() {
        return maxDocumentBytes;
    }

    public void setMaxDocumentBytes(DataSize maxDocumentBytes) {
        this.maxDocumentBytes = maxDocumentBytes;
    }

    public int getMaxChanges() {
        return maxChanges;
    }

    public void setMaxChanges(int maxChanges) {
        this.maxChanges = maxChanges;
    }
}
