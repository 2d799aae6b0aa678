-- Backtests of LLM scoring (README "Judging a model: the backtest", "The quality gate"). Runs unchanged on
-- MySQL 8.4 and MariaDB 10.11 / 11.4. One row per run; the API serves the LLM levels of a model + prompt version
-- only when its latest row has gate = 'pass' (unless skillgap.llm.gate.required is false).
CREATE TABLE Llm_Backtests (
  backtest_id     BIGINT        NOT NULL AUTO_INCREMENT,
  provider        VARCHAR(20)   NOT NULL,
  llm_model       VARCHAR(100)  NOT NULL,
  prompt_version  VARCHAR(20)   NOT NULL,
  old_release     VARCHAR(40)   NOT NULL,
  new_release     VARCHAR(40)   NOT NULL,
  occupations     INT           NOT NULL,
  pairs           INT           NOT NULL,
  mae_model       DOUBLE        NULL,
  mae_raw         DOUBLE        NULL,
  delta           DOUBLE        NULL,
  ci95_low        DOUBLE        NULL,
  ci95_high       DOUBLE        NULL,
  gate            VARCHAR(4)    NOT NULL,
  reason          VARCHAR(1000) NOT NULL,
  calls           BIGINT        NOT NULL,
  report_json     MEDIUMTEXT    NOT NULL,
  ran_at          TIMESTAMP(3)  NOT NULL,
  duration_ms     BIGINT        NOT NULL,
  PRIMARY KEY (backtest_id),
  KEY idx_llm_backtests_model (llm_model, prompt_version, backtest_id),
  CONSTRAINT chk_llm_backtests_gate CHECK (gate IN ('pass', 'fail'))
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin;
