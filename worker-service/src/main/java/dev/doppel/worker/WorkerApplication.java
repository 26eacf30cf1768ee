package dev.doppel.worker;

import java.util.Map;

import dev.doppel.model.ModelConfiguration;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;
import org.springframework.context.annotation.Import;
import org.springframework.context.annotation.PropertySource;

@SpringBootApplication
@ConfigurationPropertiesScan
@Import(ModelConfiguration.class)
@PropertySource("classpath:doppel-worker.properties")
public class WorkerApplication {

    /**
     * The worker's web server carries Actuator alone (probes and Prometheus): its threads are not the
     * job threads, so a probe answers while a long job keeps every job thread busy. It listens on
     * 8081 so that a worker and an API (8080) started on one machine do not collide.
     */
    public static void main(String[] args) {
        SpringApplication application = new SpringApplication(WorkerApplication.class);
        application.setDefaultProperties(Map.of("server.port", "8081"));
        application.run(args);
    }
}
