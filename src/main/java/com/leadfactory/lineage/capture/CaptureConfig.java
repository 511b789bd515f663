package com.leadfactory.lineage.capture;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.leadfactory.lineage.config.CaptureProperties;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.HashSet;
import java.util.Set;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The capture path's Java beans, named as the YAML routes call them. */
@Configuration
public class CaptureConfig {

    @Bean
    CompletionValidator completionValidator(ObjectMapper mapper) {
        return new CompletionValidator(mapper);
    }

    @Bean
    SecretRedactor secretRedactor(CaptureProperties properties, MeterRegistry registry) {
        Set<String> keys = new HashSet<>(SecretRedactor.defaultSensitiveKeys());
        keys.addAll(properties.getSensitiveKeys());
        return new SecretRedactor(
                properties.getRedactionRules().isEmpty()
                        ? SecretRedactor.defaultRules()
                        : properties.getRedactionRules(),
                keys,
                registry);
    }

    @Bean
    RawInputsCompressor rawInputsCompressor(
            ObjectMapper mapper, SecretRedactor redactor, CaptureProperties properties) {
        return new RawInputsCompressor(mapper, redactor, properties.getMaxCompressedBytes());
    }
}
