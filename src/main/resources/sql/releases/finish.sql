-- Closes a release load, as its last statement before the commit: the tables' totals after it, how long it
-- took, and loaded_at = now (the commit, which follows at once; not the start of the load).
UPDATE Releases SET
  occupations = (SELECT COUNT(*) FROM Occupations),
  skills = (SELECT COUNT(*) FROM Skills),
  scales = (SELECT COUNT(*) FROM Scales),
  occupation_skills = (SELECT COUNT(*) FROM Occupation_Skills),
  duration_ms = ?,
  loaded_at = CURRENT_TIMESTAMP(3)
WHERE release_id = ?
