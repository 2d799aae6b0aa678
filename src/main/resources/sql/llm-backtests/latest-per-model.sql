-- The latest backtest of every model + prompt version: the one the quality gate goes by.
SELECT b.llm_model, b.prompt_version, b.old_release, b.new_release, b.occupations, b.pairs, b.mae_model, b.mae_raw,
       b.delta, b.ci95_low, b.ci95_high, b.gate, b.reason, b.ran_at
  FROM Llm_Backtests b
  JOIN (SELECT MAX(backtest_id) AS backtest_id FROM Llm_Backtests GROUP BY llm_model, prompt_version) latest
    ON latest.backtest_id = b.backtest_id
