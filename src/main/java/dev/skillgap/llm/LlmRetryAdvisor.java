package dev.skillgap.llm;

import java.time.Duration;
import java.util.Optional;
import org.apache.camel.Exchange;
import org.apache.camel.Processor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Runs when an LLM call fails with a retriable error (429, 5xx, timeout, connection failure), before Camel's
 * redelivery decides how long to wait: sets that wait (header CamelRedeliveryDelay) to the server's Retry-After,
 * or else to an exponential backoff, counts the retry and logs it on one line.
 */
@Component("llmRetryAdvisor")
public class LlmRetryAdvisor implements Processor {

    private static final Logger log = LoggerFactory.getLogger(LlmRetryAdvisor.class);

    private final LlmProperties llm;
    private final LlmMetrics metrics;

    public LlmRetryAdvisor(LlmProperties llm, LlmMetrics metrics) {
        this.llm = llm;
        this.metrics = metrics;
    }

    @Override
    public void process(Exchange exchange) {
        // Camel has already counted this failure: 1 after the first call failed
        int failures = exchange.getIn().getHeader(Exchange.REDELIVERY_COUNTER, 1, Integer.class);
        int maxRetries = llm.retry().maxRetries();
        if (failures > maxRetries) {
            exchange.getIn().removeHeader(Exchange.REDELIVERY_DELAY);
            return; // no retry follows; BatchScoring.callFailed reports it
        }
        Throwable failure = exchange.getException();
        Optional<Duration> retryAfter = LlmHttpException.findIn(failure).flatMap(LlmHttpException::retryAfter);
        Duration delay = delayBeforeRetry(failures, retryAfter, llm.retry());
        exchange.getIn().setHeader(Exchange.REDELIVERY_DELAY, delay.toMillis());
        metrics.retried();
        ScoringBatch batch = exchange.getProperty(BatchScoring.BATCH, ScoringBatch.class);
        if (batch != null) {
            batch.countCall();
            batch.pass().countCall();
        }
        log.warn("LLM call for {} failed ({}); retry {}/{} in {} ms{}",
                batch == null ? "?" : batch.occupation().onetsocCode(), BatchScoring.describe(failure), failures,
                maxRetries, delay.toMillis(), retryAfter.isPresent() ? " (Retry-After)" : "");
    }

    /**
     * The wait before retry number {@code retry} (1-based): the server's Retry-After when it sent one, else
     * initialDelay * 2^(retry-1); never more than maxDelay.
     */
    static Duration delayBeforeRetry(int retry, Optional<Duration> retryAfter, LlmProperties.Retry settings) {
        Duration max = settings.maxDelay();
        if (retryAfter.isPresent()) {
            return retryAfter.get().compareTo(max) > 0 ? max : retryAfter.get();
        }
        long initial = settings.initialDelay().toMillis();
        int doublings = Math.min(Math.max(retry - 1, 0), 30);
        long backoff = initial * (1L << doublings);
        return backoff <= 0 || backoff > max.toMillis() ? max : Duration.ofMillis(backoff);
    }
}
