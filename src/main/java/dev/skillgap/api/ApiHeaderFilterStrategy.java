package dev.skillgap.api;

import org.apache.camel.http.base.HttpHeaderFilterStrategy;
import org.springframework.stereotype.Component;

/**
 * platform-http's header filter for the API endpoints (restConfiguration endpointProperty and route api-openapi):
 * Camel's HTTP filter, which drops a Cache-Control header the route sets, except that it lets the reply writer's
 * Cache-Control through. platform-http still skips every standard request header on the way out, and route
 * the reply writer (the last step of every API route) removes all headers before it sets its own, so nothing of a
 * request reaches a response.
 */
@Component("apiHeaderFilterStrategy")
public class ApiHeaderFilterStrategy extends HttpHeaderFilterStrategy {

    @Override
    protected void initialize() {
        super.initialize();
        getOutFilter().remove("cache-control");
    }
}
