package dev.skillgap.api;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.Cookie;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpServletResponseWrapper;
import java.io.IOException;
import java.util.Locale;
import java.util.Set;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Defence in depth for "no response header comes from the request": whatever a framework layer tries
 * to set (platform-http copies request headers and query parameters into the response, CORS handling
 * adds Vary, an error view Content-Language), only the headers named here reach the client; cookies
 * never do. The routes already remove every header before the reply writer runs; this filter keeps
 * the rule for every other path too (actuator, errors, anything added later). Tomcat adds its own
 * transport headers (Date, Content-Length or Transfer-Encoding, Connection, Keep-Alive) after it.
 * Hand-written because neither Spring nor Camel offers a response-side allow-list.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE + 1)
public class ResponseHeaderFilter extends OncePerRequestFilter {

    /** Lower-case names of the headers the service may send. */
    static final Set<String> ALLOWED = Set.of("content-type", "content-length", "x-content-type-options",
            "retry-after", "allow", "etag", "cache-control");

    static boolean allowed(String name) {
        return name != null && ALLOWED.contains(name.toLowerCase(Locale.ROOT));
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        chain.doFilter(request, new AllowedHeadersOnly(response));
    }

    /** Error dispatches (the /error controller) write headers too: filter them as well. */
    @Override
    protected boolean shouldNotFilterErrorDispatch() {
        return false;
    }

    private static final class AllowedHeadersOnly extends HttpServletResponseWrapper {

        AllowedHeadersOnly(HttpServletResponse response) {
            super(response);
        }

        @Override
        public void setHeader(String name, String value) {
            if (allowed(name)) {
                super.setHeader(name, value);
            }
        }

        @Override
        public void addHeader(String name, String value) {
            if (allowed(name)) {
                super.addHeader(name, value);
            }
        }

        @Override
        public void setIntHeader(String name, int value) {
            if (allowed(name)) {
                super.setIntHeader(name, value);
            }
        }

        @Override
        public void addIntHeader(String name, int value) {
            if (allowed(name)) {
                super.addIntHeader(name, value);
            }
        }

        @Override
        public void setDateHeader(String name, long date) {
            if (allowed(name)) {
                super.setDateHeader(name, date);
            }
        }

        @Override
        public void addDateHeader(String name, long date) {
            if (allowed(name)) {
                super.addDateHeader(name, date);
            }
        }

        @Override
        public void addCookie(Cookie cookie) {
            // the service sets no cookie; anything that tries is echoing a request
        }

        @Override
        public void setLocale(Locale locale) {
            // would send Content-Language: the API has one language
        }
    }
}
