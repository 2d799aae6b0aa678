package dev.skillgap.api;

import com.fasterxml.jackson.annotation.JsonIgnore;

/**
 * The envelope of every API body (PRD FR4.3/FR4.4): {"success", "message", "result"}, serialized by
 * Jackson in this order by {@link ApiReplyWriter}. dataVersion is not part of the body: it is the
 * Data_Version of the snapshot the answer was computed from (the ETag), -1 for answers that do not
 * depend on the data.
 */
public record ApiResponse<T>(boolean success, String message, T result, @JsonIgnore long dataVersion) {

    public ApiResponse(boolean success, String message, T result) {
        this(success, message, result, -1);
    }

    /** A 200 answer computed from the snapshot of this data version. */
    public static <T> ApiResponse<T> ok(String message, T result, long dataVersion) {
        return new ApiResponse<>(true, message, result, dataVersion);
    }
}
