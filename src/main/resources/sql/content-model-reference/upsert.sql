INSERT INTO Content_Model_Reference (element_id, element_name, description, release_id)
VALUES (:#element_id, :#element_name, :#description, :#release_id)
ON DUPLICATE KEY UPDATE element_name = VALUES(element_name), description = VALUES(description),
  release_id = VALUES(release_id)
