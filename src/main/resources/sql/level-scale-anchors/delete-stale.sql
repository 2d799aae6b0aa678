DELETE FROM Level_Scale_Anchors WHERE release_id <> :#SkillGapReleaseId
