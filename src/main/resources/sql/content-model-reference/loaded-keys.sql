-- Identity of every loaded row (for the removal check before a release replaces this table).
SELECT element_id FROM Content_Model_Reference
