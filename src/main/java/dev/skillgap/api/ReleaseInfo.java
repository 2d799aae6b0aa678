package dev.skillgap.api;

import java.time.Instant;

/**
 * What data a snapshot serves: the latest row of Releases (null fields before the first load) and
 * Data_Version.version, which also changes when LLM scores arrive.
 */
public record ReleaseInfo(String onetVersion, Long releaseId, Instant loadedAt, long dataVersion) {
}
