-- The version of the served data; bumped by every transaction that changes it.
SELECT version FROM Data_Version WHERE id = 1
