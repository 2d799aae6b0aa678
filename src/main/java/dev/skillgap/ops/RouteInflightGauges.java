package dev.skillgap.ops;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import org.apache.camel.CamelContext;
import org.apache.camel.Route;
import org.apache.camel.component.micrometer.eventnotifier.MicrometerExchangeEventNotifierNamingStrategy;
import org.apache.camel.spi.InflightRepository;
import org.apache.camel.spring.boot.CamelContextConfiguration;
import org.springframework.stereotype.Component;

/**
 * {@code camel_exchanges_inflight{routeId=...}} (README "Metrics", the dashboard's in-flight panel) without Camel's
 * exchange event notifier, which is off (application.yml camel.metrics.enable-exchange-event-notifier): besides these
 * gauges that notifier timed every exchange and searched the whole meter registry once per exchange, 13 % of the
 * app's CPU under bench/api/run.sh (JFR). The gauges are the notifier's own: same name and tags (Camel's default
 * naming strategy), each reading Camel's inflight repository for its route, registered once the routes exist.
 */
@Component
public class RouteInflightGauges implements CamelContextConfiguration {

    private final MeterRegistry registry;

    public RouteInflightGauges(MeterRegistry registry) {
        this.registry = registry;
    }

    @Override
    public void beforeApplicationStart(CamelContext camelContext) {
    }

    @Override
    public void afterApplicationStart(CamelContext camelContext) {
        MicrometerExchangeEventNotifierNamingStrategy naming = MicrometerExchangeEventNotifierNamingStrategy.DEFAULT;
        InflightRepository inflight = camelContext.getInflightRepository();
        for (Route route : camelContext.getRoutes()) {
            if (route.isCreatedByKamelet() || route.isCreatedByRouteTemplate()) {
                continue; // as the notifier: only routes of their own
            }
            String routeId = route.getRouteId();
            Gauge.builder(naming.getInflightExchangesName(), () -> inflight.size(routeId))
                    .description("Route inflight messages")
                    .tags(naming.getInflightExchangesTags(camelContext, routeId))
                    .register(registry);
        }
    }
}
