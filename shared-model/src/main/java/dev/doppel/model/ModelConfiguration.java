package dev.doppel.model;

import java.util.List;

import dev.doppel.model.families.ModelFamilies;
import dev.doppel.model.jobs.JobLedger;
import dev.doppel.model.jobs.JobsProperties;
import dev.doppel.model.media.MediaProbe;
import dev.doppel.model.media.UploadLimits;
import dev.doppel.model.messaging.JobRoutes;
import dev.doppel.model.messaging.JobTopology;
import dev.doppel.model.storage.ObjectStore;
import dev.doppel.model.storage.StorageProperties;
import org.springframework.amqp.rabbit.connection.CachingConnectionFactory;
import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;
import org.springframework.jdbc.core.simple.JdbcClient;

/** The beans api and worker share; each service imports this. */
@Configuration(proxyBeanMethods = false)
@Import(ModelFamilies.class)
@EnableConfigurationProperties({JobsProperties.class, StorageProperties.class, UploadLimits.class})
public class ModelConfiguration {

    @Bean
    JobLedger jobLedger(JdbcClient jdbc) {
        return new JobLedger(jdbc);
    }

    @Bean
    ObjectStore objectStore(StorageProperties properties) {
        ObjectStore store = new ObjectStore(properties);
        store.ensureBucket();
        return store;
    }

    @Bean
    MediaProbe mediaProbe(UploadLimits limits) {
        return new MediaProbe(limits);
    }

    @Bean
    JobTopology jobTopology(JobsProperties jobs, List<JobRoutes> routes) {
        return new JobTopology(jobs.namespace(), routes);
    }

    /** Registered before any listener container starts, so queues exist before consumers attach. */
    @Bean
    SmartInitializingSingleton jobTopologyRegistration(CachingConnectionFactory connectionFactory, JobTopology topology) {
        return () -> connectionFactory.addConnectionListener(topology);
    }
}
