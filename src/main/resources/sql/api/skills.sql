SELECT element_id, element_name FROM Skills ORDER BY element_id
