-- Closes a release load: the tables' totals after it, and how long it took.
UPDATE Releases SET
  occupations = (SELECT COUNT(*) FROM Occupations),
  skills = (SELECT COUNT(*) FROM Skills),
  scales = (SELECT COUNT(*) FROM Scales),
  occupation_skills = (SELECT COUNT(*) FROM Occupation_Skills),
  duration_ms = ?
WHERE release_id = ?
