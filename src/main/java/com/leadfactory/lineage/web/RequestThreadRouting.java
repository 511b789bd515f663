package com.leadfactory.lineage.web;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import org.apache.camel.component.platform.http.spi.PlatformHttpEngine;
import org.apache.camel.component.platform.http.springboot.SpringBootPlatformHttpEngine;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.MethodParameter;
import org.springframework.web.context.request.NativeWebRequest;
import org.springframework.web.method.support.HandlerMethodReturnValueHandler;
import org.springframework.web.method.support.ModelAndViewContainer;
import org.springframework.web.servlet.mvc.method.annotation.DeferredResultMethodReturnValueHandler;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerAdapter;

/**
 * Runs each API route on the servlet container's request thread and answers in the same dispatch.
 *
 * <p>camel-platform-http hands every request to an executor and returns a {@link CompletableFuture}; Spring MVC
 * then starts an asynchronous request, and when the route is done dispatches it again through the whole filter
 * chain (request id, problems, Spring Security) on a third thread. On 2 cores that hand-off and second dispatch
 * were the largest single cost of a lookup (bench/README.md, "Measured warm"). Here the route runs
 * inline, its future is complete when the handler returns, and it is unwrapped at once: one thread, one dispatch.
 * Concurrency is bounded by the container's request threads and the connection pool, as for any servlet.
 */
@Configuration
class RequestThreadRouting {

    @Bean("platform-http-engine")
    PlatformHttpEngine platformHttpEngine(@Value("${server.port:8080}") int port) {
        return new SpringBootPlatformHttpEngine(port, Runnable::run);
    }

    @Bean
    static BeanPostProcessor completedFutureFirst() {
        return new BeanPostProcessor() {
            @Override
            public Object postProcessAfterInitialization(Object bean, String name) {
                if (bean instanceof RequestMappingHandlerAdapter adapter) {
                    List<HandlerMethodReturnValueHandler> handlers = new ArrayList<>();
                    handlers.add(new CompletedFutureReturnValueHandler());
                    handlers.addAll(adapter.getReturnValueHandlers());
                    adapter.setReturnValueHandlers(handlers);
                }
                return bean;
            }
        };
    }

    /**
     * A future that is already complete answers in this dispatch: its failure goes to the same exception handling
     * an asynchronous dispatch would have given it. One that is not yet complete is left to Spring MVC's own
     * asynchronous handling.
     */
    static final class CompletedFutureReturnValueHandler implements HandlerMethodReturnValueHandler {

        private final HandlerMethodReturnValueHandler asynchronous = new DeferredResultMethodReturnValueHandler();

        @Override
        public boolean supportsReturnType(MethodParameter returnType) {
            return CompletableFuture.class.isAssignableFrom(returnType.getParameterType());
        }

        @Override
        public void handleReturnValue(
                Object returnValue, MethodParameter returnType, ModelAndViewContainer mav, NativeWebRequest request)
                throws Exception {
            CompletableFuture<?> future = (CompletableFuture<?>) returnValue;
            if (future != null && !future.isDone()) {
                asynchronous.handleReturnValue(returnValue, returnType, mav, request);
                return;
            }
            mav.setRequestHandled(true);
            try {
                if (future != null) {
                    future.join();
                }
            } catch (CompletionException failed) {
                Throwable cause = failed.getCause() == null ? failed : failed.getCause();
                if (cause instanceof Error error) {
                    throw error;
                }
                throw cause instanceof Exception exception ? exception : failed;
            }
        }
    }
}
