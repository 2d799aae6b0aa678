DELETE FROM Scales WHERE release_id <> :#SkillGapReleaseId
