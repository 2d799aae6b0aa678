-- The release the database holds now: the latest committed load.
SELECT release_id, onet_version, loaded_at FROM Releases ORDER BY release_id DESC LIMIT 1
