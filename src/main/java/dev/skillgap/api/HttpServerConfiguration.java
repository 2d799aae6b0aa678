package dev.skillgap.api;

import org.apache.catalina.Lifecycle;
import org.apache.catalina.Pipeline;
import org.apache.catalina.Valve;
import org.apache.catalina.core.StandardHost;
import org.apache.catalina.valves.ErrorReportValve;
import org.springframework.boot.web.embedded.tomcat.TomcatServletWebServerFactory;
import org.springframework.boot.web.server.WebServerFactoryCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Tomcat's own error answers in the API's error shape: the host's ErrorReportValve (HTML) is replaced
 * by {@link JsonErrorReportValve}. Spring Boot offers no property for it, and the host is reachable
 * only from a context lifecycle event: the host has installed its error valve by the time its
 * context starts, so the swap happens then, once.
 */
@Configuration(proxyBeanMethods = false)
public class HttpServerConfiguration {

    @Bean
    WebServerFactoryCustomizer<TomcatServletWebServerFactory> jsonErrorReports() {
        return factory -> factory.addContextCustomizers(context -> context.addLifecycleListener(event -> {
            if (Lifecycle.BEFORE_START_EVENT.equals(event.getType()) && context.getParent() instanceof StandardHost host) {
                useJsonErrorReports(host);
            }
        }));
    }

    static void useJsonErrorReports(StandardHost host) {
        host.setErrorReportValveClass(JsonErrorReportValve.class.getName()); // for a restart of the host
        Pipeline pipeline = host.getPipeline();
        boolean installed = false;
        for (Valve valve : pipeline.getValves()) {
            if (valve instanceof JsonErrorReportValve) {
                installed = true;
            } else if (valve instanceof ErrorReportValve) {
                pipeline.removeValve(valve);
            }
        }
        if (!installed) {
            pipeline.addValve(new JsonErrorReportValve());
        }
    }
}
