SELECT j.onetsoc_code, j.job_zone FROM Job_Zones j JOIN Occupations o ON o.onetsoc_code = j.onetsoc_code
