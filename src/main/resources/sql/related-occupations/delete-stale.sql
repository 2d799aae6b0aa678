DELETE FROM Related_Occupations WHERE release_id <> :#SkillGapReleaseId
