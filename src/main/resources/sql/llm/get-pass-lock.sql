-- One scoring pass at a time across every app instance on this database (1 = acquired, 0 = held elsewhere).
SELECT GET_LOCK('skillgap.llm.pass', 0)
