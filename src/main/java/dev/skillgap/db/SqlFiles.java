package dev.skillgap.db;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import org.springframework.core.io.ClassPathResource;

/** The SQL statements under {@code src/main/resources/sql/}: one folder per table or area. */
public final class SqlFiles {

    private SqlFiles() {
    }

    /** The statement in {@code sql/<path>.sql}, for example {@code load("data-version/bump")}. */
    public static String load(String path) {
        String resource = "sql/" + path + ".sql";
        try {
            return new ClassPathResource(resource).getContentAsString(StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("missing " + resource, e);
        }
    }
}
