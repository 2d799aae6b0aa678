package dev.skillgap.api;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class OccupationCodesTest {

    @Test
    void acceptsOnlyTheOnetSocShape() {
        assertThat(OccupationCodes.isWellFormed("15-1252.00")).isTrue();
        assertThat(OccupationCodes.isWellFormed("15-1252")).isFalse();
        assertThat(OccupationCodes.isWellFormed("15-1252.001")).isFalse();
        assertThat(OccupationCodes.isWellFormed("151252.00")).isFalse();
        assertThat(OccupationCodes.isWellFormed("15-1252.0a")).isFalse();
        assertThat(OccupationCodes.isWellFormed(" 15-1252.00")).isFalse();
        assertThat(OccupationCodes.isWellFormed("١٥-١٢٥٢.٠٠")).isFalse(); // non-ASCII digits
        assertThat(OccupationCodes.isWellFormed(null)).isFalse();
    }

    @Test
    void echoIsShortAndPlain() {
        assertThat(OccupationCodes.echo("15-1252")).isEqualTo("15-1252");
        assertThat(OccupationCodes.echo("<script>alert(1)</script>")).isEqualTo("?script?alert?1???sc...");
        assertThat(OccupationCodes.echo("x'; DROP TABLE Occupations; --")).isEqualTo("x???DROP?TABLE?Occup...");
        assertThat(OccupationCodes.echo("a\r\nb\"")).isEqualTo("a??b?");
    }
}
