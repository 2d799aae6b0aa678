-- Identity of every loaded row (for the removal check before a release replaces this table).
SELECT element_id, scale_id, anchor_value FROM Level_Scale_Anchors
