-- Tells every app instance that what the API serves changed: run it in the transaction that changed it
-- (a release load, a batch of LLM scores).
UPDATE Data_Version SET version = version + 1, changed_at = CURRENT_TIMESTAMP(3) WHERE id = 1
