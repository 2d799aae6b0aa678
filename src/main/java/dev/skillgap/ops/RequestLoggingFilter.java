package dev.skillgap.ops;

import jakarta.servlet.AsyncEvent;
import jakarta.servlet.AsyncListener;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.event.Level;
import org.slf4j.spi.LoggingEventBuilder;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * One log line per HTTP request: method, path with query, status, duration. The Camel REST routes
 * (platform-http) run inside Spring MVC here, so this servlet filter sees every API call. Request
 * errors (4xx, 5xx) log at WARN; successful actuator calls (health probes, Prometheus scrapes) at DEBUG
 * so they do not drown the API traffic. Requests Tomcat rejects before any filter runs are logged by
 * dev.skillgap.api.JsonErrorReportValve. In the ECS JSON format the same facts are also separate fields.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE)
public class RequestLoggingFilter extends OncePerRequestFilter {

    private static final Logger log = LoggerFactory.getLogger(RequestLoggingFilter.class);

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        long started = System.nanoTime();
        try {
            chain.doFilter(request, response);
        } finally {
            if (request.isAsyncStarted()) {
                // platform-http answers asynchronously: the status is known only when the async work completes
                request.getAsyncContext().addListener(new AsyncListener() {
                    @Override
                    public void onComplete(AsyncEvent event) {
                        logRequest(request, response, started);
                    }

                    @Override
                    public void onTimeout(AsyncEvent event) {
                    }

                    @Override
                    public void onError(AsyncEvent event) {
                    }

                    @Override
                    public void onStartAsync(AsyncEvent event) {
                    }
                });
            } else {
                logRequest(request, response, started);
            }
        }
    }

    private static void logRequest(HttpServletRequest request, HttpServletResponse response, long started) {
        long durationNanos = System.nanoTime() - started;
        int status = response.getStatus();
        Level level = levelOf(request.getRequestURI(), status);
        if (log.isEnabledForLevel(level)) {
            String query = request.getQueryString();
            String target = query == null ? request.getRequestURI() : request.getRequestURI() + "?" + query;
            LoggingEventBuilder line = log.atLevel(level)
                    .addKeyValue("http.request.method", request.getMethod())
                    .addKeyValue("url.path", request.getRequestURI())
                    .addKeyValue("http.response.status_code", status)
                    .addKeyValue("event.duration", durationNanos);
            if (query != null) {
                line = line.addKeyValue("url.query", query);
            }
            line.log("{} {} -> {} in {} ms", request.getMethod(), target, status, durationNanos / 1_000_000);
        }
    }

    static Level levelOf(String path, int status) {
        if (status >= 400) {
            return Level.WARN; // a request error: this one line, no stack trace (framework loggers are quieted)
        }
        return path.startsWith("/actuator") ? Level.DEBUG : Level.INFO;
    }

    @Override
    protected boolean shouldNotFilterAsyncDispatch() {
        return true;
    }
}
