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
WORKDIR /app
COPY --from=build /src/target/lineage-panel-*.jar /app/lineage-panel.jar
COPY routes /app/routes
EXPOSE 8080
ENTRYPOINT ["java", "-jar", "/app/lineage-panel.jar"]
