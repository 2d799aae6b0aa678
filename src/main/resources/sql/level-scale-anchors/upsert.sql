INSERT INTO Level_Scale_Anchors (element_id, element_name, scale_id, anchor_value, anchor_description, release_id)
VALUES (:#element_id, :#element_name, :#scale_id, :#anchor_value, :#anchor_description, :#release_id)
ON DUPLICATE KEY UPDATE element_name = VALUES(element_name), anchor_description = VALUES(anchor_description),
  release_id = VALUES(release_id)
