-- Scores already paid for with this model and prompt version.
SELECT onetsoc_code, element_id, input_hash, level, rationale, scored_at
  FROM Llm_Skill_Scores
 WHERE llm_model = :model AND prompt_version = :promptVersion
