package com.leadfactory.lineage.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;
import org.springframework.web.method.support.ModelAndViewContainer;

class RequestThreadRoutingTest {

    private final RequestThreadRouting.CompletedFutureReturnValueHandler handler =
            new RequestThreadRouting.CompletedFutureReturnValueHandler();

    @Test
    void aCompletedFutureIsTheWholeAnswer() throws Exception {
        ModelAndViewContainer mav = new ModelAndViewContainer();
        handler.handleReturnValue(CompletableFuture.completedFuture(null), null, mav, null);
        assertThat(mav.isRequestHandled()).isTrue();
    }

    @Test
    void aFailedFutureThrowsWhatTheRouteThrewForTheUsualExceptionHandling() {
        IllegalStateException failure = new IllegalStateException("route failed");
        CompletableFuture<Void> failed = CompletableFuture.runAsync(
                () -> {
                    throw failure;
                },
                Runnable::run);
        assertThatThrownBy(() -> handler.handleReturnValue(failed, null, new ModelAndViewContainer(), null))
                .isSameAs(failure);
    }
}
