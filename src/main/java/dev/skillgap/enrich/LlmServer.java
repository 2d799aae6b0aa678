package dev.skillgap.enrich;

import dev.langchain4j.model.chat.ChatModel;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;

/**
 * One configured LLM server and what the route made for it from template enrich-llm-server uses: its chat model
 * (an {@link EnrichChatModel} around the provider's client) and its circuit breaker. Bound in Camel's registry
 * under {@link #chatModelBean()} and {@link #breakerBean()}.
 */
public record LlmServer(LlmProperties.Server server, ChatModel chatModel, CircuitBreaker breaker) {

    public String name() {
        return server.name();
    }

    /** The route made from the template for this server. */
    public String routeId() {
        return EnrichRoutes.SERVER_ROUTE_PREFIX + server.number();
    }

    /** The endpoint the load balancer of route enrich-call-llm sends to. */
    public String uri() {
        return EnrichRoutes.SERVER_URI_PREFIX + server.number();
    }

    public String chatModelBean() {
        return "enrichChatModel" + server.number();
    }

    public String breakerBean() {
        return "enrichServerBreaker" + server.number();
    }
}
