package dev.skillgap.api;

import java.util.List;

/**
 * The API's one error type: an HTTP status and the message of the PRD's error body (FR4.4),
 * {"success": false, "message": ..., "result": {"skill_gaps": []}}. Endpoint beans throw it; the route
 * configuration api-errors (routes/api.camel.yaml) hands it to {@link ApiReplyWriter}, as do the servlet
 * error paths (error controller, Tomcat valve). No stack trace: it is an answer, not a fault.
 */
public final class ApiException extends RuntimeException {

    static final String INTERNAL_ERROR = "An internal server error occurred.";

    private final int status;

    public ApiException(int status, String message) {
        super(message, null, false, false);
        this.status = status;
    }

    public int status() {
        return status;
    }

    /** The body: the PRD's error envelope. */
    public ApiResponse<ErrorResult> response() {
        return new ApiResponse<>(false, getMessage(), ErrorResult.EMPTY);
    }

    /** 400 with this message. */
    public static ApiException badRequest(String message) {
        return new ApiException(400, message);
    }

    /** 404 for an O*NET-SOC code the served release does not have (PRD FR4.4). */
    public static ApiException occupationNotFound(String code) {
        return new ApiException(404, "Error: Occupation code " + code + " not found.");
    }

    /** The PRD's 500: no detail of the failure reaches the client. */
    public static ApiException internalError() {
        return new ApiException(500, INTERNAL_ERROR);
    }

    /**
     * The error for a status the HTTP layer decides before (or instead of) an API route: unknown
     * path, wrong method, unacceptable Accept, a request Tomcat rejects. The message is fixed per
     * status: nothing of the request (path, parameters, headers) is echoed.
     */
    public static ApiException http(int status) {
        return new ApiException(status, httpMessage(status));
    }

    static String httpMessage(int status) {
        return switch (status) {
            case 400 -> "Error: Bad request. The request line, URL or headers are not valid HTTP.";
            case 404 -> "Error: Not found. The API serves GET /skill-gap, /occupations, /occupations/{code},"
                    + " /occupations/{code}/moves, /release and /openapi.json.";
            case 405 -> "Error: Method not allowed. The API answers GET only.";
            case 406 -> "Error: Not acceptable. The API answers application/json only.";
            case 408 -> "Error: Request timeout.";
            case 413, 414, 431 -> "Error: The request is too large (URL, headers or body).";
            case 415 -> "Error: Unsupported media type.";
            case 503 -> "Error: The service is not available yet. Retry in a few seconds.";
            default -> status >= 500 ? INTERNAL_ERROR
                    : "Error: The request cannot be answered (HTTP " + status + ").";
        };
    }

    /** The result of every error body: an empty skill_gaps list (PRD FR4.4). */
    public record ErrorResult(List<Object> skillGaps) {
        static final ErrorResult EMPTY = new ErrorResult(List.of());
    }
}
