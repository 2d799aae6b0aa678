package dev.skillgap.llm;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class LlmRetryAdvisorTest {

    private static final LlmProperties.Retry SETTINGS =
            new LlmProperties.Retry(5, Duration.ofSeconds(2), Duration.ofSeconds(60));

    @Test
    void backsOffExponentiallyUpToTheMaximum() {
        assertThat(LlmRetryAdvisor.delayBeforeRetry(1, Optional.empty(), SETTINGS)).isEqualTo(Duration.ofSeconds(2));
        assertThat(LlmRetryAdvisor.delayBeforeRetry(2, Optional.empty(), SETTINGS)).isEqualTo(Duration.ofSeconds(4));
        assertThat(LlmRetryAdvisor.delayBeforeRetry(3, Optional.empty(), SETTINGS)).isEqualTo(Duration.ofSeconds(8));
        assertThat(LlmRetryAdvisor.delayBeforeRetry(6, Optional.empty(), SETTINGS)).isEqualTo(Duration.ofSeconds(60));
        assertThat(LlmRetryAdvisor.delayBeforeRetry(40, Optional.empty(), SETTINGS)).isEqualTo(Duration.ofSeconds(60));
    }

    @Test
    void honoursRetryAfterWithinTheMaximum() {
        assertThat(LlmRetryAdvisor.delayBeforeRetry(1, Optional.of(Duration.ofSeconds(7)), SETTINGS))
                .isEqualTo(Duration.ofSeconds(7));
        assertThat(LlmRetryAdvisor.delayBeforeRetry(3, Optional.of(Duration.ZERO), SETTINGS))
                .isEqualTo(Duration.ZERO);
        assertThat(LlmRetryAdvisor.delayBeforeRetry(1, Optional.of(Duration.ofHours(1)), SETTINGS))
                .isEqualTo(Duration.ofSeconds(60));
    }
}
