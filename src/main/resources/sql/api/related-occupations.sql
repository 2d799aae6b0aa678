SELECT r.onetsoc_code, r.related_onetsoc_code, r.relatedness_tier, r.related_index
FROM Related_Occupations r
JOIN Occupations o ON o.onetsoc_code = r.onetsoc_code
JOIN Occupations t ON t.onetsoc_code = r.related_onetsoc_code
ORDER BY r.onetsoc_code, r.related_index
