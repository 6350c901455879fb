# Build and run LambdaLens in a container. For PostgreSQL, see docker-compose.yml.
FROM eclipse-temurin:17-jdk AS build
WORKDIR /src
COPY .mvn .mvn
COPY mvnw pom.xml ./
RUN ./mvnw -B -q dependency:go-offline
COPY src src
RUN ./mvnw -B -q package -DskipTests && cp target/lambdalens-*.jar /lambdalens.jar

FROM eclipse-temurin:17-jre
RUN useradd --system --create-home lambdalens
USER lambdalens
WORKDIR /home/lambdalens
COPY --from=build /lambdalens.jar lambdalens.jar
EXPOSE 8080
ENTRYPOINT ["java", "-jar", "lambdalens.jar"]
