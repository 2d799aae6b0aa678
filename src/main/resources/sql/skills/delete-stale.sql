DELETE FROM Skills WHERE release_id <> :#SkillGapReleaseId
