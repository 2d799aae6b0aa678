INSERT INTO Occupation_Skills (onetsoc_code, element_id, scale_id, data_value, onet_data_value, n, standard_error,
  lower_ci_bound, upper_ci_bound, recommend_suppress, not_relevant, date_updated, domain_source, value_source, release_id)
VALUES (:#onetsoc_code, :#element_id, :#scale_id, :#data_value, :#data_value, :#n, :#standard_error,
  :#lower_ci_bound, :#upper_ci_bound, :#recommend_suppress, :#not_relevant, :#date_updated, :#domain_source, 'onet', :#release_id)
ON DUPLICATE KEY UPDATE
  data_value = IF(value_source <> 'onet' AND onet_data_value = VALUES(onet_data_value), data_value, VALUES(data_value)),
  llm_model = IF(value_source <> 'onet' AND onet_data_value = VALUES(onet_data_value), llm_model, NULL),
  prompt_version = IF(value_source <> 'onet' AND onet_data_value = VALUES(onet_data_value), prompt_version, NULL),
  rationale = IF(value_source <> 'onet' AND onet_data_value = VALUES(onet_data_value), rationale, NULL),
  scored_at = IF(value_source <> 'onet' AND onet_data_value = VALUES(onet_data_value), scored_at, NULL),
  value_source = IF(value_source <> 'onet' AND onet_data_value = VALUES(onet_data_value), value_source, 'onet'),
  onet_data_value = VALUES(onet_data_value),
  n = VALUES(n), standard_error = VALUES(standard_error), lower_ci_bound = VALUES(lower_ci_bound),
  upper_ci_bound = VALUES(upper_ci_bound), recommend_suppress = VALUES(recommend_suppress),
  not_relevant = VALUES(not_relevant), date_updated = VALUES(date_updated), domain_source = VALUES(domain_source),
  release_id = VALUES(release_id)
