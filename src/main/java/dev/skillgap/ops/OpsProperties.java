package dev.skillgap.ops;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Operations settings ({@code skillgap.ops.*}).
 *
 * @param metricsRefresh how often the data gauges re-read the Releases and Occupation_Skills tables
 *                       (a scrape only reads the cached values, so it never queries the database)
 * @param llmHealthTimeout how long the LLM health check waits for the LLM endpoint
 * @param llmHealthCacheTtl how long an LLM health result is reused before the endpoint is probed again
 * @param loadAndExit the {@code skillgap.run-mode=load-and-exit} settings
 */
@ConfigurationProperties("skillgap.ops")
public record OpsProperties(
        @DefaultValue("10s") Duration metricsRefresh,
        @DefaultValue("2s") Duration llmHealthTimeout,
        @DefaultValue("30s") Duration llmHealthCacheTtl,
        @DefaultValue LoadAndExit loadAndExit) {

    /**
     * @param pollInterval how often the inbox, the routes and the LLM pass are looked at
     * @param idleChecks how many polls in a row must find everything idle before the app exits
     *                   (a file can sit between two routes for an instant)
     * @param waitForLlm whether to wait, when an LLM provider is set, until a scoring pass has run
     *                   over the latest release (pairs the LLM gave up on stay for the next pass)
     * @param llmPassRoute the route id of the LLM scoring pass, whose end the run waits for
     * @param maxWait the longest the app waits; past it, it exits with code 2
     */
    public record LoadAndExit(
            @DefaultValue("1s") Duration pollInterval,
            @DefaultValue("3") int idleChecks,
            @DefaultValue("true") boolean waitForLlm,
            @DefaultValue("enrich-pass") String llmPassRoute,
            @DefaultValue("24h") Duration maxWait) {
    }
}
