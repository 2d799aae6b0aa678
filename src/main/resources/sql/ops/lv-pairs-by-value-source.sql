-- LLM scoring progress: LV pairs not scored yet (onet), scored (llm), fallen back (onet_fallback).
SELECT value_source, COUNT(*) AS pairs
FROM Occupation_Skills
WHERE scale_id = 'LV'
GROUP BY value_source
