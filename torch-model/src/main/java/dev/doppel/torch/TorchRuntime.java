package dev.doppel.torch;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDManager;

/**
 * libtorch as DJL loads it. DJL would look for natives online when its jar's natives do not match;
 * a worker must never fetch code at run time, so it is told to stay offline unless the operator
 * said otherwise, before DJL first reads the setting.
 */
public final class TorchRuntime {

    static final String ENGINE = "PyTorch";

    private TorchRuntime() {
    }

    static {
        if (System.getProperty("ai.djl.offline") == null) {
            System.setProperty("ai.djl.offline", "true");
        }
    }

    /** Loads libtorch if it is not loaded yet; returns its version and device, or throws why it cannot load. */
    public static String load() {
        Engine engine = engine();
        return engine.getEngineName() + " " + engine.getVersion() + " on " + engine.defaultDevice();
    }

    static NDManager newManager() {
        return NDManager.newBaseManager(ENGINE);
    }

    static Engine engine() {
        return Engine.getEngine(ENGINE);
    }
}
