package dev.natskit.junit;

import dev.natskit.server.ContainerNatsServer;
import dev.natskit.server.Docker;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.condition.EnabledIf;

@DisplayName("@NatsServer with the container backend")
@EnabledIf(value = "dev.natskit.server.Docker#available", disabledReason = Docker.SKIPPED)
class ContainerBackendContractTest extends NatsServerContract {

    @Override
    String backend() {
        return "container";
    }

    @Override
    Class<?> handleType() {
        return ContainerNatsServer.class;
    }
}
