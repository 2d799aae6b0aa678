package dev.skillgap.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** A parsed row answers like the HashMap it replaced: the checks, the SQL parameters and the tests read it as a Map. */
class RowValuesTest {

    @Test
    void answersLikeAHashMapWithTheSameWrites() {
        RowValues.Layout layout = new RowValues.Layout();
        Map<String, Object> row = new RowValues(layout);
        Map<String, Object> expected = new HashMap<>();
        for (Map<String, Object> m : List.of(row, expected)) {
            m.put("line", 2);
            m.put("onetsoc_code", "11-1021.00");
            m.put("not_relevant", null);
            m.put("data_value", new BigDecimal("4.00"));
        }

        assertThat(row).isEqualTo(expected).hasSameHashCodeAs(expected);
        assertThat(row.containsKey("not_relevant")).isTrue();
        assertThat(row.containsKey("release_id")).isFalse();
        assertThat(row.get("release_id")).isNull();
        assertThat(row.put("data_value", new BigDecimal("5.00"))).isEqualTo(new BigDecimal("4.00"));
        assertThat(row.remove("onetsoc_code")).isEqualTo("11-1021.00");
        assertThat(row).containsOnlyKeys("line", "not_relevant", "data_value");
    }

    @Test
    void aColumnAddedAfterARowWasMadeIsAbsentThereUntilWritten() {
        RowValues.Layout layout = new RowValues.Layout();
        Map<String, Object> first = new RowValues(layout);
        first.put("line", 2);
        Map<String, Object> second = new RowValues(layout);
        second.put("line", 3);
        second.put("release_id", 7L); // grows the shared layout after the first row was made

        assertThat(first).isEqualTo(Map.of("line", 2));
        first.put("release_id", 8L);
        assertThat(first).isEqualTo(Map.of("line", 2, "release_id", 8L));
        assertThat(second).isEqualTo(Map.of("line", 3, "release_id", 7L));
    }
}
