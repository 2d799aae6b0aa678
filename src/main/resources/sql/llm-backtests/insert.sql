-- Records one backtest run (with a Data_Version bump in the same transaction, so every API instance re-reads the gate).
INSERT INTO Llm_Backtests (provider, llm_model, prompt_version, old_release, new_release, occupations, pairs,
                           mae_model, mae_raw, delta, ci95_low, ci95_high, gate, reason, calls, report_json,
                           ran_at, duration_ms)
VALUES (:provider, :model, :promptVersion, :oldRelease, :newRelease, :occupations, :pairs,
        :maeModel, :maeRaw, :delta, :ci95Low, :ci95High, :gate, :reason, :calls, :reportJson,
        :ranAt, :durationMs)
