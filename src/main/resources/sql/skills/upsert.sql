INSERT INTO Skills (element_id, element_name, release_id)
VALUES (:#element_id, :#element_name, :#release_id)
ON DUPLICATE KEY UPDATE element_name = VALUES(element_name), release_id = VALUES(release_id)
