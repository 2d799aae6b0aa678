-- The release the database serves now: the latest committed load (API snapshot, ops gauges).
SELECT release_id, onet_version, occupations, skills, scales, occupation_skills, duration_ms, loaded_at,
       (SELECT COUNT(*) FROM Releases) AS releases_committed
FROM Releases
ORDER BY release_id DESC
LIMIT 1
