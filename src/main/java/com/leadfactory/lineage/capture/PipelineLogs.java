package com.leadfactory.lineage.capture;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.springframework.stereotype.Component;

/** The completion's pipeline logs as they are stored: masked by {@link SecretRedactor}, compact JSON text. */
@Component
public class PipelineLogs {

    private final ObjectMapper mapper;
    private final SecretRedactor redactor;

    public PipelineLogs(ObjectMapper mapper, SecretRedactor redactor) {
        this.mapper = mapper;
        this.redactor = redactor;
    }

    /** Null when none were sent. */
    public String redacted(CompletionMessage completion) {
        JsonNode logs = completion.getPipelineLogs();
        if (logs == null || logs.isNull()) {
            return null;
        }
        try {
            return mapper.writeValueAsString(redactor.redact(logs));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("pipeline logs could not be serialised", e);
        }
    }
}
