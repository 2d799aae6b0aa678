SELECT RELEASE_LOCK('skillgap.llm.pass')
