package dev.doppel.worker.health;

import dev.doppel.torch.TorchRuntime;
import dev.doppel.worker.WorkerProperties;
import org.springframework.stereotype.Component;

/** libtorch through DJL, the PyTorch engine: loaded for readiness only on workers that run that engine. */
@Component
class PyTorchBackend implements ComputeBackend {

    static final String ENGINE = "pytorch";

    private final WorkerProperties worker;

    PyTorchBackend(WorkerProperties worker) {
        this.worker = worker;
    }

    @Override
    public String name() {
        return ENGINE;
    }

    @Override
    public String load() {
        if (!worker.engines().contains(ENGINE)) {
            return "not run here (doppel.worker.engines=" + String.join(",", worker.engines()) + ")";
        }
        return TorchRuntime.load();
    }
}
