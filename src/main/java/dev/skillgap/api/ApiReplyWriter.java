package dev.skillgap.api;

import org.apache.camel.Body;
import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.springframework.stereotype.Component;

/**
 * Puts an {@link ApiReply} on the message for platform-http. The route removes every header first,
 * so the only response headers are the ones set here (no echo of request or Camel headers).
 */
@Component("apiReplyWriter")
public class ApiReplyWriter {

    public void write(@Body ApiReply reply, Message message) {
        message.setHeader(Exchange.HTTP_RESPONSE_CODE, reply.status());
        message.setHeader(Exchange.CONTENT_TYPE, "application/json");
        message.setHeader("X-Content-Type-Options", "nosniff");
        if (reply.status() == 503) {
            message.setHeader("Retry-After", "2");
        }
        message.setBody(reply.body());
    }
}
