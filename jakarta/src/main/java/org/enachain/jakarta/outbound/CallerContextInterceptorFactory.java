package org.enachain.jakarta.outbound;

import org.eclipse.microprofile.rest.client.ext.AsyncInvocationInterceptor;
import org.eclipse.microprofile.rest.client.ext.AsyncInvocationInterceptorFactory;

/**
 * Carries the caller token to the thread of an asynchronous ({@code CompletionStage}) rest client call.
 *
 * <p>The caller token lives in request-scoped state of the thread serving the inbound request; the
 * outbound filter of an asynchronous call runs on another thread, where that request scope is not
 * active. MicroProfile Rest Client's own mechanism for this is the {@link AsyncInvocationInterceptor}:
 * {@code prepareContext()} runs on the calling thread — the lookup happens there and its result (the
 * immutable subject token, or why there is none) is kept — then {@code applyContext()} runs on the
 * thread of the call, before the filters, and puts it where the filter looks first
 * ({@link CallerTokens#CARRIED}); {@code removeContext()} clears it afterwards. DESIGN.md suggested a CDI
 * interceptor for this; the MicroProfile interceptor is used instead because it works for clients built
 * by CDI injection and by {@code RestClientBuilder} alike, needs no interceptor binding on application
 * classes, and is what RESTEasy (Liberty's implementation) calls around every asynchronous invocation.
 */
final class CallerContextInterceptorFactory implements AsyncInvocationInterceptorFactory {

    private final CallerTokens callerTokens;

    CallerContextInterceptorFactory(CallerTokens callerTokens) {
        this.callerTokens = callerTokens;
    }

    @Override
    public AsyncInvocationInterceptor newInterceptor() {
        return new Carrier();
    }

    private final class Carrier implements AsyncInvocationInterceptor {
        private CallerTokens.Lookup captured;

        @Override
        public void prepareContext() {
            captured = callerTokens.onThisThread();
        }

        @Override
        public void applyContext() {
            if (captured != null) {
                CallerTokens.CARRIED.set(captured);
            }
        }

        @Override
        public void removeContext() {
            CallerTokens.CARRIED.remove();
        }
    }
}
