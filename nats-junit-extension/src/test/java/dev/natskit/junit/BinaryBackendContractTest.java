package dev.natskit.junit;

import dev.natskit.server.LocalNatsServer;
import org.junit.jupiter.api.DisplayName;

@DisplayName("@NatsServer with the binary backend")
class BinaryBackendContractTest extends NatsServerContract {

    @Override
    String backend() {
        return "binary";
    }

    @Override
    Class<?> handleType() {
        return LocalNatsServer.class;
    }
}
