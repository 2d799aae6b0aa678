package dev.skillgap.api;

import org.apache.catalina.Lifecycle;
import org.apache.catalina.Pipeline;
import org.apache.catalina.Valve;
import org.apache.catalina.core.StandardHost;
import org.apache.catalina.valves.ErrorReportValve;
import org.apache.camel.component.platform.http.spi.PlatformHttpEngine;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.web.embedded.tomcat.TomcatServletWebServerFactory;
import org.springframework.boot.web.server.WebServerFactoryCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.validation.Errors;
import org.springframework.validation.Validator;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/**
 * Tomcat's own error answers in the API's error shape: the host's ErrorReportValve (HTML) is replaced
 * by {@link JsonErrorReportValve}. Spring Boot offers no property for it, and the host is reachable
 * only from a context lifecycle event: the host has installed its error valve by the time its
 * context starts, so the swap happens then, once.
 */
@Configuration(proxyBeanMethods = false)
public class HttpServerConfiguration {

    /**
     * platform-http runs each API route on the request's own thread, without Spring MVC's async dispatch
     * ({@link SynchronousPlatformHttpEngine}); the starter's engine is configured only when no engine bean exists.
     */
    @Bean("platform-http-engine")
    PlatformHttpEngine platformHttpEngine(@Value("${server.port:8080}") int port) {
        return new SynchronousPlatformHttpEngine(port);
    }

    @Bean
    WebServerFactoryCustomizer<TomcatServletWebServerFactory> jsonErrorReports() {
        return factory -> factory.addContextCustomizers(context -> context.addLifecycleListener(event -> {
            if (Lifecycle.BEFORE_START_EVENT.equals(event.getType()) && context.getParent() instanceof StandardHost host) {
                useJsonErrorReports(host);
            }
        }));
    }

    /**
     * No Bean Validation in Spring MVC: no handler validates anything (no @Valid, no constraints) and no Bean
     * Validation provider is on the classpath. With the default validator Spring MVC still looked for @Validated on
     * the handler's class and method at every request (InvocableHandlerMethod.setMethodValidator: 5 % of the app's
     * CPU under bench/api/run.sh, JFR); a validator that supports nothing turns that method validation off.
     */
    @Bean
    WebMvcConfigurer noBeanValidationInMvc() {
        return new WebMvcConfigurer() {
            @Override
            public Validator getValidator() {
                return NO_VALIDATION;
            }
        };
    }

    static final Validator NO_VALIDATION = new Validator() {
        @Override
        public boolean supports(Class<?> type) {
            return false;
        }

        @Override
        public void validate(Object target, Errors errors) {
        }
    };

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
