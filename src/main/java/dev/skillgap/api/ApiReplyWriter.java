package dev.skillgap.api;

import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.apache.camel.Body;
import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.springframework.stereotype.Component;

/**
 * The one reply writer. Puts an {@link ApiReply} on the message for platform-http (the routes remove
 * every header first), or on a servlet response for the answers the HTTP layer gives before a route
 * runs (error controller, Tomcat's error report valve). Either way the only headers are the ones set
 * here: Content-Type, X-Content-Type-Options, and Retry-After on a 503. Nothing is copied from the request.
 */
@Component("apiReplyWriter")
public class ApiReplyWriter {

    static final String CONTENT_TYPE = "application/json";
    static final String NOSNIFF_HEADER = "X-Content-Type-Options";
    static final String RETRY_AFTER_HEADER = "Retry-After";
    static final String RETRY_AFTER_SECONDS = "2";

    public void write(@Body ApiReply reply, Message message) {
        message.setHeader(Exchange.HTTP_RESPONSE_CODE, reply.status());
        message.setHeader(Exchange.CONTENT_TYPE, CONTENT_TYPE);
        message.setHeader(NOSNIFF_HEADER, "nosniff");
        if (reply.status() == 503) {
            message.setHeader(RETRY_AFTER_HEADER, RETRY_AFTER_SECONDS);
        }
        message.setBody(reply.body());
    }

    /** The same answer written straight to a servlet response (error dispatch, Tomcat valve). */
    public static void write(ApiReply reply, HttpServletResponse response) throws IOException {
        response.setStatus(reply.status());
        response.setContentType(CONTENT_TYPE);
        response.setHeader(NOSNIFF_HEADER, "nosniff");
        if (reply.status() == 503) {
            response.setHeader(RETRY_AFTER_HEADER, RETRY_AFTER_SECONDS);
        }
        response.setContentLength(reply.body().length);
        response.getOutputStream().write(reply.body());
    }
}
