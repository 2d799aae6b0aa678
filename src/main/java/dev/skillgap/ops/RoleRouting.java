package dev.skillgap.ops;

import java.util.Objects;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.env.EnvironmentPostProcessor;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.PropertySource;

/**
 * Turns {@code skillgap.roles} into Camel's own route filter: {@code camel.main.routes-exclude-pattern} lists the
 * route files of the roles this instance lacks ({@link Role#routeFiles()}), joined to any value set elsewhere.
 * Worked out when Camel reads it, not when this runs: properties added later (a test's dynamic properties, an
 * initializer) count too. An unknown role fails the start at once when the setting is already known here (an
 * environment variable, a command-line argument), else when the {@link Roles} bean is created.
 */
public class RoleRouting implements EnvironmentPostProcessor {

    static final String EXCLUDE = "camel.main.routes-exclude-pattern";

    @Override
    public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
        Roles.of(environment.getProperty(Roles.SETTING)); // SKILLGAP_ROLES with an unknown role: the start fails here
        environment.getPropertySources().addFirst(new ExcludedRouteFiles(environment));
    }

    // the source is not the environment itself: Spring Boot would take this for a nested environment and recurse
    static final class ExcludedRouteFiles extends PropertySource<Object> {

        private final ConfigurableEnvironment environment;

        ExcludedRouteFiles(ConfigurableEnvironment environment) {
            super("skillgap-roles", new Object());
            this.environment = environment;
        }

        @Override
        public Object getProperty(String name) {
            if (!EXCLUDE.equals(name)) {
                return null;
            }
            String excluded;
            try {
                excluded = Roles.of(environment.getProperty(Roles.SETTING)).excludedRouteFiles();
            } catch (IllegalArgumentException e) {
                excluded = ""; // the Roles bean reports it
            }
            // not Spring Boot's attached "configurationProperties" source: it wraps every source, this one included
            Object elsewhere = environment.getPropertySources().stream()
                    .filter(s -> s != this && !"configurationProperties".equals(s.getName()))
                    .map(s -> s.getProperty(EXCLUDE)).filter(Objects::nonNull).findFirst().orElse(null);
            String joined = Stream.of(excluded, elsewhere == null ? "" : elsewhere.toString())
                    .filter(s -> !s.isBlank()).collect(Collectors.joining(","));
            return joined.isEmpty() ? null : joined;
        }
    }
}
