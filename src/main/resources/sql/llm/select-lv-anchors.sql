-- What the levels of each element mean (Level Scale Anchors), fed to the prompt.
SELECT element_id, anchor_value, anchor_description
  FROM Level_Scale_Anchors
 WHERE scale_id = 'LV'
 ORDER BY element_id, anchor_value
