-- The hash each table was last loaded from, by file kind.
SELECT file_kind, sha256 FROM Release_Files
