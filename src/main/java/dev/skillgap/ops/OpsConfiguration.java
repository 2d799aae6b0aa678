package dev.skillgap.ops;

import io.micrometer.core.instrument.MeterRegistry;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.apache.camel.component.file.cluster.FileLockClusterService;
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

    /** Parsed at startup so that an unknown role in SKILLGAP_ROLES, or a run mode without its role, stops the app. */
    @Bean
    Roles roles(@Value("${" + Roles.SETTING + ":}") String setting, RunMode runMode) {
        Roles roles = Roles.of(setting);
        roles.checkRunMode(runMode);
        return roles;
    }

    /**
     * The cluster service of the {@code master:} routes: Camel's file lock on a folder all instances share (a
     * java.nio FileLock on {@code <root>/<namespace>} plus a heartbeat in {@code <root>/<namespace>.dat}). Camel's
     * Spring Boot starters ship no auto-configuration for it (camel.cluster.file.* is Camel Main's), so it is
     * declared here; Camel starts every CamelClusterService bean it finds.
     */
    @Bean
    FileLockClusterService clusterService(ClusterProperties cluster, @Value("${skillgap.inbox}") Path inbox) {
        FileLockClusterService service = new FileLockClusterService();
        service.setId("skillgap-file-lock");
        Path root = cluster.root() == null || cluster.root().isBlank() ? inbox.resolve(".cluster") : Path.of(cluster.root());
        service.setRoot(root.toAbsolutePath().normalize().toString());
        service.setAcquireLockInterval(cluster.acquireInterval().toMillis(), TimeUnit.MILLISECONDS);
        service.setAcquireLockDelay(cluster.acquireInterval().toMillis(), TimeUnit.MILLISECONDS);
        service.setHeartbeatTimeoutMultiplier(cluster.heartbeatTimeoutMultiplier());
        return service;
    }

    @Bean("leadership")
    Leadership leadership(FileLockClusterService clusterService, Roles roles, MeterRegistry meters) {
        return new Leadership(clusterService, roles, meters);
    }
}
