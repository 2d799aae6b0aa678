package dev.skillgap.enrich;

import dev.langchain4j.exception.HttpException;
import java.time.Duration;
import java.util.Optional;

/**
 * A non-2xx answer of the LLM server that keeps what LangChain4j's own {@link HttpException} drops: how long the
 * server asked us to wait (Retry-After). LangChain4j maps it by status (429 to RateLimitException, 5xx to
 * InternalServerException, ...) with this exception as the cause, where {@link EnrichRetryAdvisor} finds it.
 */
public class LlmHttpException extends HttpException {

    private final transient Duration retryAfter;

    public LlmHttpException(int statusCode, String body, Duration retryAfter) {
        super(statusCode, body);
        this.retryAfter = retryAfter;
    }

    public Optional<Duration> retryAfter() {
        return Optional.ofNullable(retryAfter);
    }

    /** The first LlmHttpException in the cause chain of a failure, if any. */
    public static Optional<LlmHttpException> findIn(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof LlmHttpException http) {
                return Optional.of(http);
            }
        }
        return Optional.empty();
    }
}
