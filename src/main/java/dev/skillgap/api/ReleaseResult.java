package dev.skillgap.api;

import dev.skillgap.backtest.GateState;

/** result of GET /release: the O*NET release and data version served, and the LLM quality gate. */
public record ReleaseResult(String onetVersion, Long releaseId, String loadedAt, long dataVersion, int occupations,
                            int occupationsWithSkillData, int skills, LlmGate llm) {

    /** The quality gate of the configured model and prompt, and why LLM levels are (not) served. */
    public record LlmGate(String provider, String model, String promptVersion, String gate, boolean gateRequired,
                          boolean llmValuesServed, String reason) {

        static LlmGate of(GateState gate) {
            return new LlmGate(gate.provider(), gate.scoringOff() ? null : gate.model(), gate.promptVersion(),
                    gate.gate(), gate.required(), gate.servesConfiguredModel(), gate.reason());
        }
    }

    static ApiResponse<ReleaseResult> of(Snapshot snapshot) {
        ReleaseInfo release = snapshot.release();
        String message = release.releaseId() == null
                ? "No O*NET release has been loaded yet."
                : "Serving O*NET " + (release.onetVersion() == null ? "(version unknown)" : release.onetVersion())
                        + " from release load " + release.releaseId() + ", data version " + release.dataVersion() + ".";
        return ApiResponse.ok(message, new ReleaseResult(release.onetVersion(), release.releaseId(),
                release.loadedAt() == null ? null : release.loadedAt().toString(), release.dataVersion(),
                snapshot.occupationCount(), snapshot.occupationsWithSkillData(), snapshot.skills().size(),
                LlmGate.of(snapshot.gate())), release.dataVersion());
    }
}
