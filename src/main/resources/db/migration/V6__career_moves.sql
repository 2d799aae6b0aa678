-- Career moves (README "Career moves"): Job Zones.txt, Related Occupations.txt, and the text embeddings of the
-- occupations. Runs unchanged on MySQL 8.4 and MariaDB 10.11 / 11.4.
-- No foreign key to Occupations: a release carrying Occupation Data without these optional files keeps the
-- loaded rows (like any kind of file it does not carry); rows naming an occupation it dropped are not served.

-- Job Zones.txt: how much preparation an occupation needs, 1 (little) to 5 (extensive).
CREATE TABLE Job_Zones (
  onetsoc_code   CHAR(10)     NOT NULL,
  job_zone       TINYINT      NOT NULL,
  date_updated   DATE         NOT NULL,
  domain_source  VARCHAR(30)  NOT NULL,
  release_id     BIGINT       NOT NULL,
  PRIMARY KEY (onetsoc_code)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin;

-- Related Occupations.txt: O*NET's curated related occupations of each occupation, in tiers
-- (Primary-Short, Primary-Long, Supplemental) and ranked within the list by related_index (the file's Index).
CREATE TABLE Related_Occupations (
  onetsoc_code          CHAR(10)     NOT NULL,
  related_onetsoc_code  CHAR(10)     NOT NULL,
  relatedness_tier      VARCHAR(20)  NOT NULL,
  related_index         SMALLINT     NOT NULL,
  release_id            BIGINT       NOT NULL,
  PRIMARY KEY (onetsoc_code, related_onetsoc_code)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin;

-- Text embeddings, computed after a load commits (route moves-embed), keyed by the embedding model and the
-- SHA-256 of the embedded text (an occupation's title and description): an unchanged text is never embedded
-- again, whatever release carries it. vector: the float32 components, big-endian, unit length.
CREATE TABLE Text_Embeddings (
  model        VARCHAR(100)    NOT NULL,
  text_sha256  CHAR(64)        NOT NULL,
  dimensions   SMALLINT        NOT NULL,
  vector       VARBINARY(4096) NOT NULL,
  created_at   TIMESTAMP(3)    NOT NULL DEFAULT CURRENT_TIMESTAMP(3),
  PRIMARY KEY (model, text_sha256)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin;
