-- Level (LV) and Importance (IM) ratings of every occupation; data_value is the served value
-- (LLM score once scored), onet_data_value the O*NET analyst value; llm_model and prompt_version for the quality gate.
SELECT onetsoc_code, element_id, scale_id, data_value, onet_data_value, value_source, llm_model, prompt_version
FROM Occupation_Skills
WHERE scale_id IN ('LV', 'IM')
