DELETE FROM Occupations WHERE release_id <> :#SkillGapReleaseId
