-- Identity of every loaded row (for the removal check before a release replaces this table).
SELECT onetsoc_code, related_onetsoc_code FROM Related_Occupations
