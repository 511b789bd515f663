package com.leadfactory.lineage.query;

import org.apache.camel.processor.aggregate.zipfile.ZipAggregationStrategy;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration
class QueryConfig {

    /** camel-zipfile: one zip entry per split part, named by its CamelFileName header; temp file, not heap. */
    @Bean
    ZipAggregationStrategy bundleZipStrategy() {
        ZipAggregationStrategy strategy = new ZipAggregationStrategy(false, true);
        strategy.setUseTempFile(true);
        return strategy;
    }
}
