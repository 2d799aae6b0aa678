package dev.skillgap.api;

import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.springframework.boot.web.servlet.error.ErrorController;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.RequestMapping;

/**
 * Replaces Spring Boot's BasicErrorController (and its Whitelabel HTML page): every error the servlet
 * layer produces (unknown path, wrong method, unacceptable Accept, an exception outside a route) is
 * answered in the API's one error shape, whatever the Accept header says, with a message fixed per
 * status (no path, parameter or header of the request in the body). A direct GET /error is a 404:
 * there is no such resource.
 */
@Controller
public class ApiErrorController implements ErrorController {

    private static final org.slf4j.Logger log = org.slf4j.LoggerFactory.getLogger(ApiErrorController.class);

    @RequestMapping("${server.error.path:/error}")
    public void error(HttpServletRequest request, HttpServletResponse response) throws IOException {
        Object status = request.getAttribute(RequestDispatcher.ERROR_STATUS_CODE);
        int code = status instanceof Integer value && value >= 400 && value <= 599 ? value : 404;
        if (code >= 500 && request.getAttribute(RequestDispatcher.ERROR_EXCEPTION) instanceof Throwable failure) {
            // the request line itself is logged by RequestLoggingFilter; this says why, without a stack trace
            log.error("Request failed outside the API routes -> {}: {}", code, failure.toString());
        }
        ApiReplyWriter.write(ApiException.http(code), response);
    }
}
