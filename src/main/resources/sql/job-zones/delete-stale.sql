DELETE FROM Job_Zones WHERE release_id <> :#SkillGapReleaseId
