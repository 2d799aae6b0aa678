package dev.skillgap.ops;

import io.micrometer.core.instrument.MeterRegistry;
import java.io.IOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.apache.camel.component.file.cluster.FileLockClusterService;
import org.slf4j.LoggerFactory;
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
    /*
     * The first leadership check runs at once (acquireLockDelay 1 ms, the least Camel takes), so a lone instance leads as soon as Camel starts.
     * Camel applies acquireLockDelay to the first check only when the lock files exist; on a fresh cluster root it
     * waits instead until the next multiple of the interval on the wall clock (up to 2 s; measured with bench/load:
     * "Waiting 1190ms to attempt initial cluster leadership acquisition", then the inbox consumer starts 1 s later).
     * So the empty lock and data files are created here when missing, the state a leader that stopped leaves them in.
     * The first check is safe with a leader alive: its lock is held, and a heartbeat read for the first time is never
     * stale (Camel's FileLockClusterUtils.isLeaderStale), so a follower still waits for (multiplier + 1) intervals
     * after the leader's last heartbeat (FleetFailoverTest). camel-master then starts the consumers 1 s after the
     * leadership is taken: MasterConsumer's fixed initial delay in Camel 4.17 (backOffDelay only spaces failed starts).
     */
    @Bean
    FileLockClusterService clusterService(ClusterProperties cluster, Roles roles, @Value("${skillgap.inbox}") Path inbox) {
        FileLockClusterService service = new FileLockClusterService();
        service.setId("skillgap-file-lock");
        Path root = (cluster.root() == null || cluster.root().isBlank() ? inbox.resolve(".cluster") : Path.of(cluster.root()))
                .toAbsolutePath().normalize();
        service.setRoot(root.toString());
        service.setAcquireLockInterval(cluster.acquireInterval().toMillis(), TimeUnit.MILLISECONDS);
        service.setAcquireLockDelay(1, TimeUnit.MILLISECONDS);
        service.setHeartbeatTimeoutMultiplier(cluster.heartbeatTimeoutMultiplier());
        for (String namespace : Leadership.namespaces(roles)) {
            createIfMissing(root, namespace);
            createIfMissing(root, namespace + ".dat");
        }
        return service;
    }

    /** Best effort: without the file, Camel creates it itself and the first check waits for the interval. */
    private static void createIfMissing(Path root, String file) {
        try {
            Files.createDirectories(root);
            Files.createFile(root.resolve(file));
        } catch (FileAlreadyExistsException e) {
            // a leader (or an earlier run) made it
        } catch (IOException e) {
            LoggerFactory.getLogger(OpsConfiguration.class).debug("cannot create {} in {}: {}", file, root, e.toString());
        }
    }

    @Bean("leadership")
    Leadership leadership(FileLockClusterService clusterService, Roles roles, MeterRegistry meters) {
        return new Leadership(clusterService, roles, meters);
    }
}
