-- Every LV pair with what the prompt needs and what was last stored, in occupation order.
SELECT os.onetsoc_code,
       o.title                          AS occupation_title,
       o.description                    AS occupation_description,
       os.element_id,
       s.element_name,
       COALESCE(cmr.description, '')    AS element_description,
       os.onet_data_value,
       os.value_source,
       os.input_hash,
       os.llm_model,
       os.prompt_version
  FROM Occupation_Skills os
  JOIN Occupations o ON o.onetsoc_code = os.onetsoc_code
  JOIN Skills s ON s.element_id = os.element_id
  LEFT JOIN Content_Model_Reference cmr ON cmr.element_id = os.element_id
 WHERE os.scale_id = 'LV'
 ORDER BY os.onetsoc_code, os.element_id
