SELECT onetsoc_code, title, description FROM Occupations
