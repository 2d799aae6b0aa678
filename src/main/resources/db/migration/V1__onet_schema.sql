-- O*NET release schema. Runs unchanged on MySQL 8.4 and MariaDB 10.11 / 11.4.
-- Column names follow the O*NET text files (lower_snake_case of the published headers).

-- One row per release load that committed: where the data came from and what it held.
CREATE TABLE Releases (
  release_id        BIGINT        NOT NULL AUTO_INCREMENT,
  onet_version      VARCHAR(20)   NULL,
  fingerprint       CHAR(64)      NOT NULL,
  occupations       INT           NOT NULL,
  skills            INT           NOT NULL,
  scales            INT           NOT NULL,
  occupation_skills INT           NOT NULL,
  duration_ms       INT           NOT NULL,
  loaded_at         TIMESTAMP(3)  NOT NULL DEFAULT CURRENT_TIMESTAMP(3),
  PRIMARY KEY (release_id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin;

-- The file (by kind) that each table was last loaded from; a re-dropped identical file is skipped.
CREATE TABLE Release_Files (
  file_kind    VARCHAR(40)   NOT NULL,
  file_name    VARCHAR(255)  NOT NULL,
  sha256       CHAR(64)      NOT NULL,
  row_count    INT           NOT NULL,
  release_id   BIGINT        NOT NULL,
  PRIMARY KEY (file_kind),
  CONSTRAINT fk_release_files_release FOREIGN KEY (release_id) REFERENCES Releases (release_id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin;

-- Bumped by every transaction that changes what the API serves (a load, a batch of LLM scores),
-- so that every app instance can tell cheaply when to refresh its in-memory view.
CREATE TABLE Data_Version (
  id          TINYINT       NOT NULL,
  version     BIGINT        NOT NULL,
  changed_at  TIMESTAMP(3)  NOT NULL DEFAULT CURRENT_TIMESTAMP(3),
  PRIMARY KEY (id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin;
INSERT INTO Data_Version (id, version) VALUES (1, 0);

-- Occupation Data.txt
CREATE TABLE Occupations (
  onetsoc_code  CHAR(10)      NOT NULL,
  title         VARCHAR(150)  NOT NULL,
  description   VARCHAR(1000) NOT NULL,
  release_id    BIGINT        NOT NULL,
  PRIMARY KEY (onetsoc_code),
  KEY idx_occupations_title (title)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin;

-- Scales Reference.txt (Scales.txt)
CREATE TABLE Scales (
  scale_id    VARCHAR(3)    NOT NULL,
  scale_name  VARCHAR(50)   NOT NULL,
  minimum     DECIMAL(6,2)  NOT NULL,
  maximum     DECIMAL(6,2)  NOT NULL,
  release_id  BIGINT        NOT NULL,
  PRIMARY KEY (scale_id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin;

-- Content Model Reference.txt: names and descriptions of every content-model element.
CREATE TABLE Content_Model_Reference (
  element_id    VARCHAR(20)   NOT NULL,
  element_name  VARCHAR(150)  NOT NULL,
  description   VARCHAR(1500) NOT NULL,
  release_id    BIGINT        NOT NULL,
  PRIMARY KEY (element_id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin;

-- The distinct skills (Element ID, Element Name) of Skills.txt. Descriptions: Content_Model_Reference.
CREATE TABLE Skills (
  element_id    VARCHAR(20)   NOT NULL,
  element_name  VARCHAR(150)  NOT NULL,
  release_id    BIGINT        NOT NULL,
  PRIMARY KEY (element_id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin;

-- Level Scale Anchors.txt: what a level means for an element (fed to the LLM prompt).
CREATE TABLE Level_Scale_Anchors (
  element_id          VARCHAR(20)   NOT NULL,
  element_name        VARCHAR(150)  NOT NULL,
  scale_id            VARCHAR(3)    NOT NULL,
  anchor_value        DECIMAL(6,2)  NOT NULL,
  anchor_description  VARCHAR(500)  NOT NULL,
  release_id          BIGINT        NOT NULL,
  PRIMARY KEY (element_id, scale_id, anchor_value)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin;

-- Skills.txt rows. data_value is the value the API serves: for LV the LLM's score once scored,
-- otherwise the O*NET analyst value, which is always kept in onet_data_value.
CREATE TABLE Occupation_Skills (
  onetsoc_code        CHAR(10)      NOT NULL,
  element_id          VARCHAR(20)   NOT NULL,
  scale_id            VARCHAR(3)    NOT NULL,
  data_value          DECIMAL(5,2)  NOT NULL,
  onet_data_value     DECIMAL(5,2)  NOT NULL,
  n                   INT           NULL,
  standard_error      DECIMAL(8,4)  NULL,
  lower_ci_bound      DECIMAL(8,4)  NULL,
  upper_ci_bound      DECIMAL(8,4)  NULL,
  recommend_suppress  CHAR(1)       NULL,
  not_relevant        CHAR(1)       NULL,
  date_updated        DATE          NOT NULL,
  domain_source       VARCHAR(30)   NOT NULL,
  value_source        VARCHAR(16)   NOT NULL DEFAULT 'onet',
  llm_model           VARCHAR(100)  NULL,
  prompt_version      VARCHAR(20)   NULL,
  rationale           VARCHAR(1000) NULL,
  scored_at           TIMESTAMP(3)  NULL,
  release_id          BIGINT        NOT NULL,
  PRIMARY KEY (onetsoc_code, element_id, scale_id),
  KEY idx_occupation_skills_scale (scale_id, onetsoc_code),
  KEY idx_occupation_skills_element (element_id),
  CONSTRAINT fk_os_occupation FOREIGN KEY (onetsoc_code) REFERENCES Occupations (onetsoc_code),
  CONSTRAINT fk_os_skill FOREIGN KEY (element_id) REFERENCES Skills (element_id),
  CONSTRAINT fk_os_scale FOREIGN KEY (scale_id) REFERENCES Scales (scale_id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin;
