INSERT INTO Related_Occupations (onetsoc_code, related_onetsoc_code, relatedness_tier, related_index, release_id)
VALUES (:#onetsoc_code, :#related_onetsoc_code, :#relatedness_tier, :#related_index, :#release_id)
ON DUPLICATE KEY UPDATE relatedness_tier = VALUES(relatedness_tier), related_index = VALUES(related_index),
  release_id = VALUES(release_id)
