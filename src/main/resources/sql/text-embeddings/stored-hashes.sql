-- The texts already embedded by a model (the embedding pass embeds only the others).
SELECT text_sha256 FROM Text_Embeddings WHERE model = ?
