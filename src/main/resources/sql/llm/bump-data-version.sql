-- Tells every app instance that what the API serves changed (same transaction as the scores).
UPDATE Data_Version SET version = version + 1, changed_at = CURRENT_TIMESTAMP(3) WHERE id = 1
