package dev.skillgap.api;

import java.io.IOException;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.catalina.connector.Request;
import org.apache.catalina.connector.Response;
import org.apache.catalina.valves.ErrorReportValve;
import org.apache.coyote.ActionCode;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Tomcat's error report, in the API's error shape instead of Tomcat's HTML page. Tomcat answers some
 * requests before any servlet, filter or route sees them (a raw {@code <>} or {@code |} in the URL,
 * a bad % escape in the path, headers over the size limit): this valve writes those answers, and any
 * error no error page handled. Same checks as Tomcat's own report; the body is
 * {@link ApiException#http(int)}, the headers those of {@link ApiReplyWriter}. Requests that never
 * reached the application are logged here, one WARN line each (the request log filter never saw them).
 */
public class JsonErrorReportValve extends ErrorReportValve {

    private static final Logger log = LoggerFactory.getLogger(JsonErrorReportValve.class);

    @Override
    protected void report(Request request, Response response, Throwable throwable) {
        int status = response.getStatus();
        if (status < 400 || response.getContentWritten() > 0 || !response.setErrorReported()) {
            return;
        }
        AtomicBoolean ioAllowed = new AtomicBoolean(false);
        response.getCoyoteResponse().action(ActionCode.IS_IO_ALLOWED, ioAllowed);
        if (!ioAllowed.get()) {
            return;
        }
        try {
            ApiReplyWriter.write(ApiException.http(status), response);
            response.finishResponse();
        } catch (IOException | IllegalStateException e) {
            // the client is gone or the response cannot take a body any more: nothing left to tell it
        }
        if (request.getContext() == null) {
            long started = request.getCoyoteRequest().getStartTime();
            long millis = started > 0 ? Math.max(0, System.currentTimeMillis() - started) : 0;
            log.warn("HTTP request rejected by the server before the application (malformed request line, URL"
                    + " or headers) -> {} in {} ms", status, millis);
        }
    }
}
