# Builds one of the two apps from the repository root:
#   docker build -f docker/app.Dockerfile --build-arg APP=command-side -t refund-ledger/command-side .
#   docker build -f docker/app.Dockerfile --build-arg APP=query-side   -t refund-ledger/query-side .
FROM eclipse-temurin:17-jdk AS build
WORKDIR /src
COPY . .
RUN ./mvnw -q -B -DskipTests install

FROM eclipse-temurin:17-jre
ARG APP
RUN useradd --system --uid 10001 ledger
COPY --from=build /src/${APP}/target/${APP}-0.1.0-SNAPSHOT-exec.jar /app/app.jar
USER ledger
ENV JAVA_TOOL_OPTIONS="-XX:MaxRAMPercentage=75 -Daxoniq.update-checker.disabled=true"
ENTRYPOINT ["java", "-jar", "/app/app.jar"]
