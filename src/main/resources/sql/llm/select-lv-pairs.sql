-- Every LV pair with what the prompt needs (the IM rating of the same occupation and skill, the LV rating's 95% CI)
-- and what was last stored, in occupation order.
SELECT os.onetsoc_code,
       o.title                          AS occupation_title,
       o.description                    AS occupation_description,
       os.element_id,
       s.element_name,
       COALESCE(cmr.description, '')    AS element_description,
       os.onet_data_value,
       im.onet_data_value               AS importance,
       os.lower_ci_bound,
       os.upper_ci_bound,
       os.value_source,
       os.input_hash,
       os.llm_model,
       os.prompt_version
  FROM Occupation_Skills os
  JOIN Occupations o ON o.onetsoc_code = os.onetsoc_code
  JOIN Skills s ON s.element_id = os.element_id
  LEFT JOIN Content_Model_Reference cmr ON cmr.element_id = os.element_id
  LEFT JOIN Occupation_Skills im
         ON im.onetsoc_code = os.onetsoc_code AND im.element_id = os.element_id AND im.scale_id = 'IM'
 WHERE os.scale_id = 'LV'
 ORDER BY os.onetsoc_code, os.element_id
