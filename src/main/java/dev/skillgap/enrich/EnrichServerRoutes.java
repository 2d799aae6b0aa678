package dev.skillgap.enrich;

import dev.langchain4j.exception.RetriableException;
import io.github.resilience4j.bulkhead.BulkheadFullException;
import io.github.resilience4j.circuitbreaker.CallNotPermittedException;
import java.time.Duration;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.model.LoadBalanceDefinition;

/**
 * The routes whose number depends on the configuration (routes/enrich.camel.yaml describes them; a route file
 * cannot repeat a step once per entry of a list): one route per LLM server made from the YAML route template
 * enrich-llm-server, and route enrich-call-llm, Camel's Load Balancer EIP over them - round robin with failover.
 *
 * <p>The failover load balancer sends each call to the next server in turn; a call that failed there with what
 * another server may not fail with - a 429, a 5xx, a timeout or lost connection (LangChain4j's
 * RetriableException), the server taken out by its circuit breaker (CallNotPermittedException) or its concurrency
 * full (BulkheadFullException) - goes on to the next server at once, each server at most once per call. Only when
 * every server failed does the failure reach enrich-ask-llm's error handler, whose retry (backoff or Retry-After of
 * the last server) starts the round again. Any other failure (a 4xx other than 429, a reply cut off at its length)
 * is not failed over: the same question gets the same answer everywhere.
 */
public class EnrichServerRoutes extends RouteBuilder {

    private final LlmServers servers;
    private final Duration bulkheadWait;

    /** @param bulkheadWait how long a call waits for a free slot of a server's concurrency (the call timeout) */
    public EnrichServerRoutes(LlmServers servers, Duration bulkheadWait) {
        this.servers = servers;
        this.bulkheadWait = bulkheadWait;
    }

    @Override
    public void configure() {
        if (servers.isEmpty()) {
            from(EnrichRoutes.CALL_LLM).routeId(EnrichRoutes.CALL_LLM_ROUTE_ID)
                    .routeDescription("No LLM server (provider none): a call fails; the scoring routes never call")
                    .errorHandler(noErrorHandler())
                    .throwException(new IllegalStateException("no LLM server: skillgap.llm.provider is none"));
            return;
        }
        for (LlmServer server : servers.all()) {
            templatedRoute(EnrichRoutes.SERVER_TEMPLATE)
                    .routeId(server.routeId())
                    .parameter("number", String.valueOf(server.server().number()))
                    .parameter("server", server.name())
                    .parameter("chatModel", server.chatModelBean())
                    .parameter("breaker", server.breakerBean())
                    .parameter("bulkheadWaitMs", String.valueOf(bulkheadWait.toMillis()));
        }
        LoadBalanceDefinition balance = from(EnrichRoutes.CALL_LLM).routeId(EnrichRoutes.CALL_LLM_ROUTE_ID)
                .routeDescription("The LLM call (body the question's messages, out the reply's text) - Load Balancer "
                        + "EIP, round robin with failover over the " + servers.size() + " server route(s) "
                        + EnrichRoutes.SERVER_ROUTE_PREFIX + "N; no error handler here, so a retry of the caller "
                        + "balances again")
                .errorHandler(noErrorHandler())
                .loadBalance()
                // failover attempts after the first server: each other server once
                .failover(servers.size() - 1, false, true, RetriableException.class, CallNotPermittedException.class,
                        BulkheadFullException.class);
        for (LlmServer server : servers.all()) {
            balance.to(server.uri());
        }
    }
}
