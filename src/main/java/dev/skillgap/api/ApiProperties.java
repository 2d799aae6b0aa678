package dev.skillgap.api;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * skillgap.api.* settings.
 *
 * @param refreshIntervalMs how often Data_Version is polled for new data (SKILLGAP_API_REFRESH_INTERVAL_MS)
 * @param defaultPageSize   /occupations page size when none is asked for
 * @param maxPageSize       largest /occupations page a client may ask for
 * @param openapiHost       host:port the OpenAPI document names as the server (SKILLGAP_API_OPENAPI_HOST)
 */
@ConfigurationProperties("skillgap.api")
public record ApiProperties(long refreshIntervalMs, int defaultPageSize, int maxPageSize, String openapiHost) {
}
