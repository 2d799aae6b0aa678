package dev.skillgap.api;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.json.JsonMapper;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.UncheckedIOException;
import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * The one reply writer. Serializes what an endpoint bean returned (an {@link ApiResponse} record, or the
 * OpenAPI document) or the {@link ApiException} it threw, with Jackson, and puts it on the message for
 * platform-http (route api-reply removes every header first), or on a servlet response for the answers the
 * HTTP layer gives before a route runs (error controller, Tomcat's error report valve). Either way the only
 * headers are the ones set here: Content-Type, X-Content-Type-Options, and Retry-After on a 503. Nothing is
 * copied from the request.
 */
@Component("apiReplyWriter")
public class ApiReplyWriter {

    static final String CONTENT_TYPE = "application/json";
    static final String NOSNIFF_HEADER = "X-Content-Type-Options";
    static final String RETRY_AFTER_HEADER = "Retry-After";
    static final String RETRY_AFTER_SECONDS = "2";

    /**
     * The API's JSON: record components in declaration order, camelCase component names as snake_case
     * fields, nulls written, BigDecimal as the JSON number of its text (two decimals for {@link Hundredths}).
     */
    static final ObjectMapper JSON = JsonMapper.builder()
            .propertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
            .build();

    private static final Logger log = LoggerFactory.getLogger(ApiReplyWriter.class);

    /** Route api-reply: the body (a record, the OpenAPI document, or an ApiException) becomes the HTTP answer. */
    public void write(Exchange exchange) {
        Message message = exchange.getMessage();
        Object reply = message.getBody();
        int status = reply instanceof ApiException error ? error.status() : 200;
        Object body = reply instanceof ApiException error ? error.response() : reply;
        message.setHeader(Exchange.HTTP_RESPONSE_CODE, status);
        message.setHeader(Exchange.CONTENT_TYPE, CONTENT_TYPE);
        message.setHeader(NOSNIFF_HEADER, "nosniff");
        if (status == 503) {
            message.setHeader(RETRY_AFTER_HEADER, RETRY_AFTER_SECONDS);
        }
        message.setBody(bytes(body));
    }

    /**
     * Route configuration api-errors: what an API route failed with, as the error to answer. An
     * {@link ApiException} is the answer itself; anything else is a fault: one log line for us, the
     * PRD's 500 body (no details) for the client.
     */
    public ApiException failure(Exchange exchange) {
        Exception cause = exchange.getProperty(Exchange.EXCEPTION_CAUGHT, Exception.class);
        if (cause instanceof ApiException error) {
            return error;
        }
        log.error("API request {} {} failed: {}", exchange.getMessage().getHeader(Exchange.HTTP_METHOD),
                exchange.getMessage().getHeader(Exchange.HTTP_PATH), cause == null ? "unknown" : cause.toString());
        return ApiException.internalError();
    }

    /** The same error written straight to a servlet response (error dispatch, Tomcat valve). */
    public static void write(ApiException error, HttpServletResponse response) throws IOException {
        byte[] body = bytes(error.response());
        response.setStatus(error.status());
        response.setContentType(CONTENT_TYPE);
        response.setHeader(NOSNIFF_HEADER, "nosniff");
        if (error.status() == 503) {
            response.setHeader(RETRY_AFTER_HEADER, RETRY_AFTER_SECONDS);
        }
        response.setContentLength(body.length);
        response.getOutputStream().write(body);
    }

    /** The UTF-8 JSON of a reply body. */
    static byte[] bytes(Object body) {
        try {
            return JSON.writeValueAsBytes(body);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e); // records of strings, numbers and lists: cannot happen
        }
    }
}
