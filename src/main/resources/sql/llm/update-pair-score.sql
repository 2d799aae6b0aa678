-- Stores the outcome of one LV pair. The analyst value guard skips a pair whose release changed under the pass;
-- the next pass (queued by that load) scores it again.
UPDATE Occupation_Skills
   SET data_value     = :dataValue,
       value_source   = :valueSource,
       llm_model      = :model,
       prompt_version = :promptVersion,
       rationale      = :rationale,
       scored_at      = :scoredAt,
       input_hash     = :inputHash
 WHERE onetsoc_code = :onetsocCode
   AND element_id = :elementId
   AND scale_id = 'LV'
   AND onet_data_value = :analystValue
