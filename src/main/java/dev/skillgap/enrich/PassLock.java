package dev.skillgap.enrich;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.io.ClassPathResource;
import org.springframework.stereotype.Component;

/**
 * A database-wide named lock (GET_LOCK, MySQL and MariaDB) so that two app instances on one database never pay for
 * the same pass twice. The lock lives as long as the connection that took it, which the pass holds until it ends.
 */
@Component
public class PassLock {

    private static final Logger log = LoggerFactory.getLogger(PassLock.class);

    private final DataSource dataSource;
    private final String acquire = sql("get-pass-lock");
    private final String release = sql("release-pass-lock");

    public PassLock(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    /** The held lock, or null when another instance holds it. */
    public Held tryAcquire() throws SQLException {
        Connection connection = dataSource.getConnection();
        try (Statement statement = connection.createStatement(); ResultSet rs = statement.executeQuery(acquire)) {
            if (rs.next() && rs.getInt(1) == 1) {
                return new Held(connection);
            }
        } catch (SQLException | RuntimeException e) {
            connection.close();
            throw e;
        }
        connection.close();
        return null;
    }

    public final class Held implements AutoCloseable {
        private final Connection connection;

        private Held(Connection connection) {
            this.connection = connection;
        }

        @Override
        public void close() {
            try (connection; Statement statement = connection.createStatement()) {
                statement.executeQuery(release).close();
            } catch (SQLException e) {
                // closing the connection frees the lock anyway
                log.warn("releasing the LLM pass lock failed: {}", e.getMessage());
            }
        }
    }

    private static String sql(String name) {
        try {
            return new ClassPathResource("sql/llm/" + name + ".sql").getContentAsString(StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("missing sql/llm/" + name + ".sql", e);
        }
    }
}
