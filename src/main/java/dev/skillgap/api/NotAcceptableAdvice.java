package dev.skillgap.api;

import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.springframework.http.converter.HttpMessageNotWritableException;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ExceptionHandler;

/**
 * Spring MVC handlers (the actuator endpoints) throw HttpMessageNotWritableException, a 500, when the
 * Accept header names a type they serve with a parameter they cannot honour (found by HttpFuzzTest:
 * {@code Accept: application/json;charset=ISO-8859-1} on /actuator/health). That is the client's choice
 * of representation, not a server fault: the JSON 406, as for any other unacceptable Accept.
 */
@ControllerAdvice
public class NotAcceptableAdvice {

    @ExceptionHandler(HttpMessageNotWritableException.class)
    public void notWritable(HttpServletResponse response) throws IOException {
        ApiReplyWriter.write(ApiException.http(406), response);
    }
}
