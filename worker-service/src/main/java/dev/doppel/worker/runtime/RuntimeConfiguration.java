package dev.doppel.worker.runtime;

import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
class RuntimeConfiguration {

    @Bean(destroyMethod = "shutdownNow")
    ScheduledExecutorService heartbeatScheduler() {
        return Executors.newScheduledThreadPool(2, runnable -> {
            Thread thread = new Thread(runnable, "job-heartbeat");
            thread.setDaemon(true);
            return thread;
        });
    }
}
