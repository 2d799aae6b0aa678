DELETE FROM Occupation_Skills WHERE release_id <> :#SkillGapReleaseId
