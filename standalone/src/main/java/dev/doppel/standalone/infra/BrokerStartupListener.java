package dev.doppel.standalone.infra;

import org.apache.qpid.server.SystemLauncherListener;
import org.apache.qpid.server.model.Broker;
import org.apache.qpid.server.model.SystemConfig;

/**
 * Catches what {@code SystemLauncher.startup} keeps to itself: the broker it built, and a
 * startup failure that it only logs before returning normally.
 */
final class BrokerStartupListener extends SystemLauncherListener.DefaultSystemLauncherListener {

    private volatile SystemConfig<?> systemConfig;
    private volatile RuntimeException failure;

    @Override
    public void onContainerResolve(SystemConfig<?> systemConfig) {
        this.systemConfig = systemConfig;
    }

    @Override
    public void errorOnStartup(RuntimeException e) {
        failure = e;
    }

    Broker<?> broker() {
        if (failure != null) {
            throw new IllegalStateException("Qpid broker failed to start", failure);
        }
        if (systemConfig == null) {
            throw new IllegalStateException("Qpid broker started without a system config");
        }
        return (Broker<?>) systemConfig.getContainer();
    }
}
