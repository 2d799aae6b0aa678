package dev.skillgap.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.util.List;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.Test;

/** Before any snapshot could be read (database down since start) every data answer is a 503, not a 500. */
class SkillGapApiBeforeFirstSnapshotTest {

    private final SkillGapApi api = new SkillGapApi(new ApiSnapshots(null), new ApiProperties(1000, 20, 100, "localhost:8080"),
            new dev.skillgap.moves.TextEmbedder(), new dev.skillgap.moves.MovesProperties(true, 32,
                    new dev.skillgap.moves.MovesProperties.Weights(0.2, 0.2, 1.0), 10, 50));

    @Test
    void answersServiceUnavailable() {
        List<ThrowingCallable> requests = List.of(() -> api.skillGap("from=15-1211.00&to=15-1251.00"),
                () -> api.searchOccupations("q=nurse"), () -> api.occupation("15-1211.00", null), api::release,
                () -> api.moves("15-1211.00", "limit=5"));
        for (ThrowingCallable request : requests) {
            ApiException reply = catchThrowableOfType(ApiException.class, request);
            assertThat(reply.status()).isEqualTo(503);
            assertThat(new String(ApiReplyWriter.bytes(reply.response()), java.nio.charset.StandardCharsets.UTF_8)).isEqualTo(
                    "{\"success\":false,\"message\":\"Error: The skill data is not available yet. Retry in a few seconds.\","
                            + "\"result\":{\"skill_gaps\":[]}}");
        }
    }

    @Test
    void validationStillComesFirst() {
        assertThat(catchThrowableOfType(ApiException.class, () -> api.skillGap("from=15-1211.00")).status()).isEqualTo(400);
        assertThat(catchThrowableOfType(ApiException.class, () -> api.skillGap("from=x&to=15-1251.00")).status())
                .isEqualTo(400);
    }
}
