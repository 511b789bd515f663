# The service image: built from the repository (docker compose build), routes and SQL copied next to the jar so
# the integration team can mount their own ./routes over them.
FROM eclipse-temurin:17-jdk AS build
WORKDIR /src
COPY .mvn .mvn
COPY mvnw pom.xml ./
RUN ./mvnw -B -q dependency:go-offline
COPY src src
COPY routes routes
RUN ./mvnw -B -q package -DskipTests -Djacoco.skip=true -Dspotless.check.skip=true

FROM eclipse-temurin:17-jre
# a user of its own: the service needs no root, and writes only under /app/data (the embedded demo database). Its
# uid is fixed (10001): docker compose mounts a file secret (the audit signing key) with the host file's owner and
# mode, and OpenSSL writes a private key readable by its owner only, so the key file is chown'ed to this uid
RUN groupadd --system --gid 10001 lineage \
    && useradd --system --uid 10001 --gid lineage --home-dir /app --shell /usr/sbin/nologin lineage \
    && mkdir -p /app/data /app/probe && chown lineage:lineage /app/data
WORKDIR /app
COPY --from=build /src/target/lineage-panel-*.jar /app/lineage-panel.jar
# the health check: one JDK-only class (availability.ReadinessProbe), since the JRE image has no curl to rely on
COPY --from=build /src/target/classes/com/leadfactory/lineage/availability/ReadinessProbe.class \
    /app/probe/com/leadfactory/lineage/availability/
COPY routes /app/routes
USER lineage
EXPOSE 8080
# ready = every route started and the database (and, with queue ingest on, the broker) answering; 503 while
# starting and from the moment a SIGTERM arrives. Start-up takes seconds (bench/README.md), hence the grace.
HEALTHCHECK --interval=10s --timeout=5s --start-period=60s --retries=3 \
    CMD ["java", "-Xmx16m", "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", \
         "-cp", "/app/probe", "com.leadfactory.lineage.availability.ReadinessProbe"]
# exec form: java is PID 1 and receives the SIGTERM of `docker stop` itself (graceful shutdown, README "Deploying");
# an OutOfMemoryError ends the process, for the restart policy to start a whole one (docs/DESIGN-NOTES.md, "Platform")
ENTRYPOINT ["java", "-XX:+ExitOnOutOfMemoryError", "-jar", "/app/lineage-panel.jar"]
