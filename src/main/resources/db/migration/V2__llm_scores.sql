-- LLM scoring of the LV (Level) occupation-skill pairs. Runs unchanged on MySQL 8.4 and MariaDB 10.11 / 11.4.

-- The SHA-256 of every prompt input the stored LV score was computed from (occupation title and description,
-- skill name and description, level anchors, analyst value). NULL: never scored. A pass re-scores exactly the
-- LV rows whose input_hash, llm_model or prompt_version differ from the current inputs, model and prompt.
ALTER TABLE Occupation_Skills ADD COLUMN input_hash CHAR(64) NULL AFTER scored_at;

-- Every valid LLM score ever obtained, keyed by what produced it, so that the same question is never paid for
-- twice: a reloaded or reverted release, or a switch back to an earlier model, is served from here.
-- No foreign keys: the cache outlives the rows a release load deletes.
CREATE TABLE Llm_Skill_Scores (
  onetsoc_code    CHAR(10)      NOT NULL,
  element_id      VARCHAR(20)   NOT NULL,
  input_hash      CHAR(64)      NOT NULL,
  llm_model       VARCHAR(100)  NOT NULL,
  prompt_version  VARCHAR(20)   NOT NULL,
  level           DECIMAL(5,2)  NOT NULL,
  rationale       VARCHAR(1000) NOT NULL,
  scored_at       TIMESTAMP(3)  NOT NULL,
  PRIMARY KEY (onetsoc_code, element_id, input_hash, llm_model, prompt_version),
  KEY idx_llm_skill_scores_model (llm_model, prompt_version)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin;
