-- Remembers a valid LLM score for these inputs, model and prompt version.
INSERT INTO Llm_Skill_Scores
       (onetsoc_code, element_id, input_hash, llm_model, prompt_version, level, rationale, scored_at)
VALUES (:onetsocCode, :elementId, :inputHash, :model, :promptVersion, :level, :rationale, :scoredAt)
ON DUPLICATE KEY UPDATE level = VALUES(level), rationale = VALUES(rationale), scored_at = VALUES(scored_at)
