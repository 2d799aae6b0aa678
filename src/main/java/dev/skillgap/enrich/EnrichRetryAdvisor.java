package dev.skillgap.enrich;

import java.time.Duration;
import java.util.Optional;
import org.apache.camel.Exchange;
import org.apache.camel.Processor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Runs when an LLM call fails with a retriable error (429, 5xx, timeout, connection failure), before Camel's
 * redeliveryPolicy (routes/enrich.camel.yaml: exponential backoff) decides how long to wait: when the server sent a
 * Retry-After, that wait (capped at retry.max-delay) replaces the backoff (header CamelRedeliveryDelay, which Camel
 * prefers to its own computation). Counts the retry and logs it on one line.
 */
@Component("enrichRetryAdvisor")
public class EnrichRetryAdvisor implements Processor {

    private static final Logger log = LoggerFactory.getLogger(EnrichRetryAdvisor.class);

    private final LlmProperties llm;
    private final LlmMetrics metrics;

    public EnrichRetryAdvisor(LlmProperties llm, LlmMetrics metrics) {
        this.llm = llm;
        this.metrics = metrics;
    }

    @Override
    public void process(Exchange exchange) {
        // Camel has already counted this failure: 1 after the first call failed
        int failures = exchange.getIn().getHeader(Exchange.REDELIVERY_COUNTER, 1, Integer.class);
        Integer maxHeader = exchange.getIn().getHeader(Exchange.REDELIVERY_MAX_COUNTER, Integer.class);
        int maxRetries = maxHeader == null ? llm.retry().maxRetries() : maxHeader;
        Throwable failure = exchange.getException();
        Optional<Duration> retryAfter = LlmHttpException.findIn(failure).flatMap(LlmHttpException::retryAfter)
                .map(wait -> wait.compareTo(llm.retry().maxDelay()) > 0 ? llm.retry().maxDelay() : wait);
        if (retryAfter.isPresent()) {
            exchange.getIn().setHeader(Exchange.REDELIVERY_DELAY, retryAfter.get().toMillis());
        } else {
            exchange.getIn().removeHeader(Exchange.REDELIVERY_DELAY); // the policy's exponential backoff applies
        }
        if (failures > maxRetries) {
            return; // no retry follows; EnrichBatch.callFailed reports it
        }
        metrics.retried();
        ScoringBatch batch = exchange.getProperty(EnrichRoutes.BATCH_PROPERTY, ScoringBatch.class);
        log.warn("LLM call for {} failed ({}); retry {}/{} after {}",
                batch == null ? "?" : batch.occupation().onetsocCode(), EnrichBatch.describe(failure), failures,
                maxRetries, retryAfter.map(d -> d.toMillis() + " ms (Retry-After)").orElse("the exponential backoff"));
    }
}
