-- The file a table was loaded from, replacing the previous one of its kind.
INSERT INTO Release_Files (file_kind, file_name, sha256, row_count, release_id) VALUES (?, ?, ?, ?, ?)
ON DUPLICATE KEY UPDATE file_name = VALUES(file_name), sha256 = VALUES(sha256),
  row_count = VALUES(row_count), release_id = VALUES(release_id)
