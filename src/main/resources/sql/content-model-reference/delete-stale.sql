DELETE FROM Content_Model_Reference WHERE release_id <> :#SkillGapReleaseId
