-- Identity of every loaded row (for the removal check before a release replaces this table).
SELECT onetsoc_code FROM Job_Zones
