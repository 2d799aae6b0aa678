INSERT INTO Text_Embeddings (model, text_sha256, dimensions, vector)
VALUES (?, ?, ?, ?)
ON DUPLICATE KEY UPDATE dimensions = VALUES(dimensions), vector = VALUES(vector)
