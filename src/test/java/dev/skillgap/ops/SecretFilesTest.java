package dev.skillgap.ops;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;

/**
 * Passwords from files, as docker-compose.yml (its secrets under /run/secrets/) and the Kubernetes Secret
 * mount them: application.yml imports SKILLGAP_SECRETS_DIR as a config tree, one setting per file named after
 * it. Only the configuration is loaded (no database, no routes).
 */
class SecretFilesTest {

    @Configuration(proxyBeanMethods = false)
    static class NothingElse {
    }

    @Test
    void aFileNamedAfterASettingSetsItWithoutItsTrailingNewline(@TempDir Path secrets) throws Exception {
        Files.writeString(secrets.resolve("spring.datasource.password"), "s3cret-from-file\n");
        Files.writeString(secrets.resolve("skillgap.llm.api-key"), "sk-from-file");

        try (ConfigurableApplicationContext context = start("--SKILLGAP_SECRETS_DIR=" + secrets + "/")) {
            Environment environment = context.getEnvironment();
            // an environment variable of the same setting wins (CI's run against the MariaDB server sets it)
            String variable = System.getenv("SPRING_DATASOURCE_PASSWORD");
            assertThat(environment.getProperty("spring.datasource.password")).isEqualTo(variable != null ? variable : "s3cret-from-file");
            assertThat(environment.getProperty("skillgap.llm.api-key")).isEqualTo("sk-from-file");
        }
    }

    @Test
    void withoutTheFolderTheDefaultsOfApplicationYmlStay(@TempDir Path nothing) {
        try (ConfigurableApplicationContext context = start("--SKILLGAP_SECRETS_DIR=" + nothing.resolve("absent") + "/")) {
            assertThat(context.getEnvironment().getProperty("skillgap.llm.api-key")).isEmpty();
            assertThat(context.getEnvironment().getProperty("skillgap.llm.provider")).isNotEmpty();
        }
    }

    private static ConfigurableApplicationContext start(String... args) {
        return new SpringApplicationBuilder(NothingElse.class).web(WebApplicationType.NONE).logStartupInfo(false).run(args);
    }
}
