package dev.doppel.deploy;

import java.util.List;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** The Dockerfiles cannot be built here (no Docker engine); their shape is checked instead. */
class DockerfilesTest {

    @Test
    void bothImagesBuildWithMavenAndRunOnAJreAsANonRootUser() {
        for (String file : List.of("Dockerfile.api", "Dockerfile.worker")) {
            List<String> lines = instructions(file);
            assertThat(lines.stream().filter(line -> line.startsWith("FROM ")).count()).as(file + " stages").isGreaterThanOrEqualTo(2);
            assertThat(lines).as(file).anyMatch(line -> line.startsWith("FROM maven:") && line.contains("-17 AS build"));
            assertThat(lines).as(file).anyMatch(line -> line.contains("./mvnw") && line.contains("package"));
            assertThat(lines).as(file).anyMatch(line -> line.contains("eclipse-temurin:17-jre"));
            assertThat(lines).as(file).anyMatch(line -> line.startsWith("COPY --from=build"));
            String user = lines.stream().filter(line -> line.startsWith("USER ")).reduce((first, last) -> last).orElseThrow();
            assertThat(user).as(file + ": the last USER").matches("USER [1-9][0-9]*(:[1-9][0-9]*)?");
            String entrypoint = lines.stream().filter(line -> line.startsWith("ENTRYPOINT ")).reduce((first, last) -> last).orElseThrow();
            assertThat(entrypoint).as(file + ": exec form, so java gets SIGTERM").startsWith("ENTRYPOINT [\"java\"");
        }
    }

    @Test
    void eachImageBuildsOnlyItsOwnModule() {
        assertThat(String.join("\n", instructions("Dockerfile.api"))).contains("-pl api-service -am").doesNotContain("worker-service");
        assertThat(String.join("\n", instructions("Dockerfile.worker"))).contains("-pl worker-service -am").doesNotContain("api-service");
    }

    @Test
    void theWorkerBuildHasNpmForThePipelinesPretrainedWeights() {
        String build = RepositoryFiles.read("Dockerfile.worker").split("FROM eclipse-temurin")[0];
        assertThat(build).contains("install -y --no-install-recommends nodejs npm");
    }

    @Test
    void theWorkerHasACpuAndTwoCudaVariantsChosenByABuildArgument() {
        List<String> lines = instructions("Dockerfile.worker");
        assertThat(lines.get(0)).isEqualTo("ARG VARIANT=cpu");
        assertThat(lines).anyMatch(line -> line.contains("-Pcuda") && line.contains("\"$VARIANT\" = cuda"));
        assertThat(lines).anyMatch(line -> line.contains("-Ptorch-cuda") && line.contains("\"$VARIANT\" = torch-cuda"));
        assertThat(lines).anyMatch(line -> line.matches("FROM nvidia/cuda:11\\.6\\.\\d+-cudnn8-runtime-ubuntu\\S+ AS runtime-cuda"));
        assertThat(lines).anyMatch(line -> line.matches("FROM nvidia/cuda:12\\.4\\.\\d+-base-ubuntu\\S+ AS runtime-torch-cuda"));
        assertThat(lines).contains("ENV DOPPEL_WORKER_ENGINES=pytorch", "ENV DOPPEL_WORKER_ENGINES=samediff");
        assertThat(lines).anyMatch(line -> line.startsWith("FROM eclipse-temurin:17-jre") && line.endsWith("AS runtime-cpu"));
        assertThat(lines).contains("FROM runtime-${VARIANT}");
    }

    @Test
    void theBuildContextLeavesOutLocalBuildOutput() {
        assertThat(RepositoryFiles.read(".dockerignore").lines()).contains("**/target/", "data/", ".git/");
    }

    /** Instructions with comments dropped and continuation lines joined. */
    private static List<String> instructions(String file) {
        String joined = RepositoryFiles.read(file).lines()
                .filter(line -> !line.stripLeading().startsWith("#"))
                .reduce("", (text, line) -> text.endsWith("\\") ? text.substring(0, text.length() - 1) + " " + line.strip() : text + "\n" + line);
        return joined.lines().map(String::strip).filter(line -> !line.isEmpty()).toList();
    }
}
