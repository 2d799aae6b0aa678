-- Every stored embedding of the configured model; the snapshot matches them to occupations by text hash.
SELECT text_sha256, vector FROM Text_Embeddings WHERE model = ?
