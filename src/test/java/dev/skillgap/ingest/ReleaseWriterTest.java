package dev.skillgap.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The statements of sql/<table>/upsert.sql keep camel-sql's :#column notation; ReleaseWriter binds them by position. */
class ReleaseWriterTest {

    @Test
    void theUpsertStatementIsBoundByPositionFromItsNamedParameters() {
        ReleaseWriter.PositionalStatement statement = ReleaseWriter.PositionalStatement.of(
                "INSERT INTO T (a, b, c) VALUES (:#a, :#b, :#b) ON DUPLICATE KEY UPDATE c = VALUES(c), s = 'x:y'");

        assertThat(statement.sql())
                .isEqualTo("INSERT INTO T (a, b, c) VALUES (?, ?, ?) ON DUPLICATE KEY UPDATE c = VALUES(c), s = 'x:y'");
        assertThat(statement.columns()).containsExactly("a", "b", "b");
    }
}
