package dev.skillgap;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.springframework.context.ApplicationContextInitializer;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.Ordered;
import org.springframework.core.env.MapPropertySource;

/**
 * For a test class that starts a Spring context of its own (other properties than IntegrationTest's): gives that
 * context an inbox of its own and, on an external server, a database of its own (the embedded database already gives
 * each context one), put in front of every other property source, IntegrationTest's dynamic skillgap.inbox
 * included. Two live contexts then never take each other's files or read each other's rows.
 * Use with {@code @ContextConfiguration(initializers = ...)}; subclass it to name the inbox the test drops into.
 */
public class OwnContext implements ApplicationContextInitializer<ConfigurableApplicationContext>, Ordered {

    private static final Pattern JDBC_URL = Pattern.compile("(jdbc:[a-z]+://[^/]+/)([^?]+)(\\?(.*))?");

    private final Path inbox;
    private final String databaseSuffix;

    /** A fresh inbox; the database of the other contexts. */
    public OwnContext() {
        this(createInbox("inbox-own-"), null);
    }

    /** This inbox and, on an external server, the database named by the configured one plus the suffix. */
    protected OwnContext(Path inbox, String databaseSuffix) {
        this.inbox = inbox;
        this.databaseSuffix = databaseSuffix;
    }

    @Override
    public void initialize(ConfigurableApplicationContext context) {
        Map<String, Object> own = new HashMap<>(Map.of("skillgap.inbox", inbox.toString()));
        String url = context.getEnvironment().getProperty("spring.datasource.url", "");
        Matcher jdbc = JDBC_URL.matcher(url);
        if (databaseSuffix != null && jdbc.matches()) {
            String params = jdbc.group(4) == null ? "" : jdbc.group(4) + "&";
            own.put("spring.datasource.url", jdbc.group(1) + jdbc.group(2) + databaseSuffix + "?" + params
                    + "createDatabaseIfNotExist=true");
        }
        context.getEnvironment().getPropertySources().addFirst(new MapPropertySource("own-test-context", own));
    }

    @Override
    public int getOrder() {
        return Ordered.LOWEST_PRECEDENCE; // after the test framework added its property sources
    }

    /** A new folder under target/. */
    public static Path createInbox(String prefix) {
        try {
            Files.createDirectories(Path.of("target"));
            return Files.createTempDirectory(Path.of("target").toAbsolutePath(), prefix);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
