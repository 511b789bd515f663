package com.leadfactory.lineage.web;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.leadfactory.lineage.problem.Problem;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.springframework.stereotype.Component;

/** Writes a problem straight to the servlet response, for refusals made before a request reaches Camel. */
@Component
public class ProblemWriter {

    private final ObjectMapper mapper;

    public ProblemWriter(ObjectMapper mapper) {
        this.mapper = mapper;
    }

    public void write(HttpServletRequest request, HttpServletResponse response, Problem problem) throws IOException {
        response.setStatus(problem.status());
        response.setContentType(Problem.MEDIA_TYPE);
        response.setCharacterEncoding("UTF-8");
        mapper.writeValue(
                response.getOutputStream(),
                problem.toBody(request.getRequestURI(), RequestIdFilter.requestId(request)));
    }
}
