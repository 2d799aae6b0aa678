INSERT INTO Scales (scale_id, scale_name, minimum, maximum, release_id)
VALUES (:#scale_id, :#scale_name, :#minimum, :#maximum, :#release_id)
ON DUPLICATE KEY UPDATE scale_name = VALUES(scale_name), minimum = VALUES(minimum),
  maximum = VALUES(maximum), release_id = VALUES(release_id)
