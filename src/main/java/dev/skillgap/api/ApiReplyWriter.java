package dev.skillgap.api;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.json.JsonMapper;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Locale;
import java.util.stream.StreamSupport;
import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * The one reply writer. Serializes what an endpoint bean returned (an {@link ApiResponse} record, or the
 * OpenAPI document) or the {@link ApiException} it threw, with Jackson, and puts it on the message for
 * platform-http (after removing every header of the message), or on a servlet response for the answers the
 * HTTP layer gives before a route runs (error controller, Tomcat's error report valve). Either way the only
 * headers are the ones set here: Content-Type, X-Content-Type-Options, Cache-Control, ETag on a 200 or 304,
 * and Retry-After on a 503. Nothing is copied from the request.
 *
 * <p>HTTP caching (README "HTTP caching"): a data answer's ETag is the Data_Version of the snapshot it was
 * computed from (a release load or a change of the served LLM levels changes it), the OpenAPI document's a hash
 * of its bytes. A request whose If-None-Match names that tag (weak comparison, lists, {@code *}) is answered 304
 * without a body. Cache-Control: no-cache on answers (a client or proxy may keep them but revalidates each
 * use, cheaply), no-store on errors.
 */
@Component("apiReplyWriter")
public class ApiReplyWriter {

    static final String CONTENT_TYPE = "application/json";
    static final String NOSNIFF_HEADER = "X-Content-Type-Options";
    static final String RETRY_AFTER_HEADER = "Retry-After";
    static final String RETRY_AFTER_SECONDS = "2";
    static final String ETAG_HEADER = "ETag";
    static final String CACHE_CONTROL_HEADER = "Cache-Control";
    static final String CACHE_ANSWERS = "no-cache";
    static final String CACHE_ERRORS = "no-store";

    /**
     * The API's JSON: record components in declaration order, camelCase component names as snake_case
     * fields, nulls written, BigDecimal as the JSON number of its text (two decimals for {@link Hundredths}).
     */
    static final ObjectMapper JSON = JsonMapper.builder()
            .propertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
            .build();

    private static final Logger log = LoggerFactory.getLogger(ApiReplyWriter.class);

    /** The last step of every API route: the body (a record, the OpenAPI document, or an ApiException) becomes the HTTP answer. */
    public void write(Exchange exchange) {
        Message message = exchange.getMessage();
        String ifNoneMatch = ifNoneMatch(message);
        message.removeHeaders("*"); // platform-http would echo request and Camel headers
        // Camel's HTTP binding then sends the body with a Content-Length in one write; chunked (its default) it
        // flushed the headers and the body, then wrote the last chunk: two writes per answer. A Camel header: never sent.
        message.setHeader(Exchange.HTTP_CHUNKED, false);
        Object reply = message.getBody();
        if (reply instanceof ApiException error) {
            message.setHeader(Exchange.HTTP_RESPONSE_CODE, error.status());
            message.setHeader(Exchange.CONTENT_TYPE, CONTENT_TYPE);
            message.setHeader(NOSNIFF_HEADER, "nosniff");
            message.setHeader(CACHE_CONTROL_HEADER, CACHE_ERRORS);
            if (error.status() == 503) {
                message.setHeader(RETRY_AFTER_HEADER, RETRY_AFTER_SECONDS);
            }
            message.setBody(bytes(error.response()));
            return;
        }
        byte[] body = null;
        String etag;
        if (reply instanceof ApiResponse<?> response && response.dataVersion() >= 0) {
            etag = "\"" + response.dataVersion() + "\"";
        } else {
            body = bytes(reply);
            etag = contentTag(body);
        }
        message.setHeader(NOSNIFF_HEADER, "nosniff");
        message.setHeader(CACHE_CONTROL_HEADER, CACHE_ANSWERS);
        message.setHeader(ETAG_HEADER, etag);
        if (ifNoneMatch != null && matches(ifNoneMatch, etag)) {
            message.setHeader(Exchange.HTTP_RESPONSE_CODE, 304);
            message.setBody(null);
            return;
        }
        message.setHeader(Exchange.HTTP_RESPONSE_CODE, 200);
        message.setHeader(Exchange.CONTENT_TYPE, CONTENT_TYPE);
        message.setBody(body != null ? body : bytes(reply));
    }

    /**
     * The request's If-None-Match (several header lines joined), or null. platform-http maps query parameters to
     * headers too, so a request whose query string has a parameter of that name gets no conditional answer: only
     * the real request header may turn an answer into a 304.
     */
    static String ifNoneMatch(Message message) {
        Object value = message.getHeader("If-None-Match");
        if (value == null) {
            return null;
        }
        String query = message.getHeader(Exchange.HTTP_QUERY, String.class);
        if (query != null) {
            try {
                if (URLDecoder.decode(query, StandardCharsets.UTF_8).toLowerCase(Locale.ROOT).contains("if-none-match")) {
                    return null; // a query parameter of that name (perhaps %-encoded): answered in full, never 304
                }
            } catch (IllegalArgumentException e) {
                return null; // malformed escapes: the endpoint answers 400 anyway
            }
        }
        return value instanceof Iterable<?> lines ? String.join(",", StreamSupport.stream(lines.spliterator(), false)
                .map(String::valueOf).toList()) : value.toString();
    }

    /**
     * RFC 9110 13.1.2: If-None-Match is {@code *} or a comma-separated list of entity tags, compared weakly
     * (a {@code W/} prefix is ignored on either side).
     */
    static boolean matches(String ifNoneMatch, String etag) {
        String ours = opaque(etag);
        for (String candidate : ifNoneMatch.split(",")) {
            String tag = candidate.strip();
            if (tag.equals("*") || (!tag.isEmpty() && opaque(tag).equals(ours))) {
                return true;
            }
        }
        return false;
    }

    private static String opaque(String tag) {
        return tag.startsWith("W/") ? tag.substring(2) : tag;
    }

    /** A strong tag for a body that does not come from the data (the OpenAPI document): its SHA-256, shortened. */
    static String contentTag(byte[] body) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(body);
            return "\"" + HexFormat.of().formatHex(digest, 0, 12) + "\"";
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e); // every JVM has SHA-256
        }
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
        response.setHeader(CACHE_CONTROL_HEADER, CACHE_ERRORS);
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
