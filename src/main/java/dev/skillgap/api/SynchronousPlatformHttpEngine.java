package dev.skillgap.api;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.util.concurrent.CompletableFuture;
import org.apache.camel.Processor;
import org.apache.camel.component.platform.http.PlatformHttpEndpoint;
import org.apache.camel.component.platform.http.spi.PlatformHttpConsumer;
import org.apache.camel.component.platform.http.springboot.SpringBootPlatformHttpConsumer;
import org.apache.camel.component.platform.http.springboot.SpringBootPlatformHttpEngine;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * platform-http on Spring MVC, with each route run on the Tomcat thread that received the request.
 *
 * <p>Camel's own engine (camel-platform-http-starter 4.17) returns a CompletableFuture from its handler method: the
 * route runs on Spring's task executor, and Spring MVC then dispatches the request a second time through the servlet
 * filters and the DispatcherServlet to finish it. For the API's in-memory answers that hand-off is most of the cost
 * of a request: JFR under bench/api/run.sh put 27 % of the app's CPU samples in the second dispatch
 * (CoyoteAdapter.asyncDispatch) and the task executor added a thread switch per request (README, API, Speed: the
 * figures before and after). This engine's consumer runs the same code (Camel's handleService: exchange, route,
 * writing the response) directly and returns no future, which Spring MVC takes as "request handled" (a null
 * CompletableFuture return value), so nothing is dispatched again. Everything else is Camel's engine: the request
 * mapping, the binding, the header filter strategy, the error handling of its service method.
 *
 * <p>What changes: a route's time no longer counts against an async request timeout (spring.mvc.async
 * .request-timeout); every API route answers from memory in microseconds.
 */
public class SynchronousPlatformHttpEngine extends SpringBootPlatformHttpEngine {

    public SynchronousPlatformHttpEngine(int port) {
        super(port, Runnable::run);
    }

    @Override
    public PlatformHttpConsumer createConsumer(PlatformHttpEndpoint endpoint, Processor processor) {
        return new Consumer(endpoint, processor);
    }

    static final class Consumer extends SpringBootPlatformHttpConsumer {

        private static final Logger LOG = LoggerFactory.getLogger(Consumer.class);

        Consumer(PlatformHttpEndpoint endpoint, Processor processor) {
            super(endpoint, processor, Runnable::run);
        }

        /**
         * Invoked by Spring MVC (the request mapping names SpringBootPlatformHttpConsumer#service): the request is
         * answered when this returns. Same error handling as Camel's: a failure outside the route is logged and,
         * if nothing was sent yet, answered 500 (the JSON error body of the error controller).
         */
        @Override
        public CompletableFuture<Void> service(HttpServletRequest request, HttpServletResponse response) {
            try {
                handleService(request, response);
            } catch (Exception e) {
                LOG.warn("Error handling request due to: {}", e.getMessage(), e);
                try {
                    if (!response.isCommitted()) {
                        response.sendError(HttpServletResponse.SC_INTERNAL_SERVER_ERROR);
                    }
                } catch (Exception ignored) {
                    // the client is gone
                }
            }
            return null; // Spring MVC: handled, no async processing
        }
    }
}
