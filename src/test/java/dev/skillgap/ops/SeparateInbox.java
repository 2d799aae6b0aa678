package dev.skillgap.ops;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.springframework.context.ApplicationContextInitializer;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.Ordered;
import org.springframework.core.env.MapPropertySource;

/**
 * For a test class that starts a Spring context of its own (other properties than IntegrationTest's):
 * gives that context an inbox of its own, in front of every other property source (IntegrationTest's
 * dynamic skillgap.inbox included), so that two live contexts never take each other's files. Use with
 * {@code @ContextConfiguration(initializers = SeparateInbox.class)} and {@code @DirtiesContext}.
 */
public final class SeparateInbox implements ApplicationContextInitializer<ConfigurableApplicationContext>, Ordered {

    @Override
    public void initialize(ConfigurableApplicationContext context) {
        try {
            Files.createDirectories(Path.of("target"));
            Path inbox = Files.createTempDirectory(Path.of("target").toAbsolutePath(), "inbox-separate-");
            context.getEnvironment().getPropertySources()
                    .addFirst(new MapPropertySource("separate-inbox", Map.of("skillgap.inbox", inbox.toString())));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public int getOrder() {
        return Ordered.LOWEST_PRECEDENCE; // after the test framework added its property sources
    }
}
