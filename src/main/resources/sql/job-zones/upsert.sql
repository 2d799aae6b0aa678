INSERT INTO Job_Zones (onetsoc_code, job_zone, date_updated, domain_source, release_id)
VALUES (:#onetsoc_code, :#job_zone, :#date_updated, :#domain_source, :#release_id)
ON DUPLICATE KEY UPDATE job_zone = VALUES(job_zone), date_updated = VALUES(date_updated),
  domain_source = VALUES(domain_source), release_id = VALUES(release_id)
