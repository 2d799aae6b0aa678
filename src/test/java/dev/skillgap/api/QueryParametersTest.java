package dev.skillgap.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class QueryParametersTest {

    @Test
    void decodesNamesAndValues() {
        QueryParameters query = QueryParameters.parse("q=software+dev%C3%A9&page=2&flag&&empty=");
        assertThat(query.get("q")).isEqualTo("software devé");
        assertThat(query.get("page")).isEqualTo("2");
        assertThat(query.get("flag")).isEmpty();
        assertThat(query.get("empty")).isEmpty();
        assertThat(query.get("absent")).isNull();
        assertThat(QueryParameters.parse(null).get("q")).isNull();
    }

    @Test
    void namesAreCaseSensitiveAndRepeatsAreVisible() {
        QueryParameters query = QueryParameters.parse("From=11-1011.00&from=15-1211.00&to=1&to=2");
        assertThat(query.get("from")).isEqualTo("15-1211.00");
        assertThat(query.isRepeated("from")).isFalse();
        assertThat(query.isRepeated("to")).isTrue();
    }

    @Test
    void malformedEncodingIsRejected() {
        assertThatThrownBy(() -> QueryParameters.parse("from=15%ZZ")).isInstanceOf(IllegalArgumentException.class);
    }
}
