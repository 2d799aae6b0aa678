-- Opens a release load; its totals and duration are set by finish.sql in the same transaction.
INSERT INTO Releases (onet_version, fingerprint, occupations, skills, scales, occupation_skills, duration_ms)
VALUES (?, ?, 0, 0, 0, 0, 0)
