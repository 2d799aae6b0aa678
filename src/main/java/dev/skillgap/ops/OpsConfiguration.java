package dev.skillgap.ops;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
class OpsConfiguration {

    /** Parsed at startup so that an unknown SKILLGAP_RUN_MODE stops the app with a clear message. */
    @Bean
    RunMode runMode(@Value("${skillgap.run-mode:service}") String setting) {
        return RunMode.of(setting);
    }
}
