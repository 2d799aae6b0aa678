# Runs once, when the mysql service starts on an empty data volume (the image's /docker-entrypoint-initdb.d;
# sourced by its entrypoint, which defines docker_process_sql): the read-only user of the api replicas
# (SKILLGAP_ROLES=api never writes: README "Running several instances"). Works with the mariadb image too.
# An existing volume keeps its users: create this one by hand there (README "Run with Docker", secrets).
api_password="$(cat "$MYSQL_API_PASSWORD_FILE")"
api_password_sql="$(printf '%s' "$api_password" | sed -e "s/\\\\/\\\\\\\\/g" -e "s/'/\\\\'/g")"
docker_process_sql --database=mysql <<EOSQL
CREATE USER IF NOT EXISTS '${MYSQL_API_USER}'@'%' IDENTIFIED BY '${api_password_sql}';
GRANT SELECT ON \`${MYSQL_DATABASE}\`.* TO '${MYSQL_API_USER}'@'%';
EOSQL
unset api_password api_password_sql
