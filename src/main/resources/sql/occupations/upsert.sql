INSERT INTO Occupations (onetsoc_code, title, description, release_id)
VALUES (:#onetsoc_code, :#title, :#description, :#release_id)
ON DUPLICATE KEY UPDATE title = VALUES(title), description = VALUES(description), release_id = VALUES(release_id)
