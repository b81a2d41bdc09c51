package dev.natskit.tutorial.versions;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.natskit.junit.EnabledOnNatsServer;
import dev.natskit.junit.NatsServer;
import io.nats.client.JetStreamManagement;
import io.nats.client.api.CompressionOption;
import io.nats.client.api.ConsumerConfiguration;
import io.nats.client.api.StreamConfiguration;
import io.nats.client.api.StreamInfo;
import java.util.Map;
import org.junit.jupiter.api.ClassOrderer;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.MethodOrderer.OrderAnnotation;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestClassOrder;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * Each spec here runs only on the versions whose behaviour it pins, so a run on one server skips the others with
 * the version it found. Running the tutorial on 2.9, 2.10 and 2.11 or newer exercises every one.
 */
@DisplayName("Appendix. What changes between server versions")
@Order(100)
@TestClassOrder(ClassOrderer.OrderAnnotation.class)
@NatsServer
class ServerVersionDifferencesSpec {

    @Nested
    @Order(1)
    @DisplayName("stream metadata")
    @TestMethodOrder(OrderAnnotation.class)
    class StreamMetadata {

        private StreamInfo createWithMetadata(JetStreamManagement management) throws Exception {
            // tag::stream-metadata[]
            StreamConfiguration config = StreamConfiguration.builder()
                    .name("ORDERS")
                    .subjects("orders.>")
                    .metadata(Map.of("team", "payments"))
                    .build();
            StreamInfo info = management.addStream(config);
            Map<String, String> metadata = info.getConfiguration().getMetadata();
            // end::stream-metadata[]
            return info;
        }

        @Test
        @Order(1)
        @EnabledOnNatsServer(max = "2.9")
        @DisplayName("2.9 drops the metadata of a stream")
        void droppedBefore210(JetStreamManagement management) throws Exception {
            StreamInfo info = createWithMetadata(management);

            assertThat(info.getConfiguration().getMetadata()).isNull();
        }

        @Test
        @Order(2)
        @EnabledOnNatsServer(min = "2.10", max = "2.10")
        @DisplayName("2.10 keeps the metadata exactly as given")
        void keptIn210(JetStreamManagement management) throws Exception {
            StreamInfo info = createWithMetadata(management);

            assertThat(info.getConfiguration().getMetadata()).containsExactly(Map.entry("team", "payments"));
        }

        @Test
        @Order(3)
        @EnabledOnNatsServer(min = "2.11")
        @DisplayName("2.11 and newer add _nats keys that name the server version and API level")
        void serverKeysFrom211(JetStreamManagement management) throws Exception {
            StreamInfo info = createWithMetadata(management);

            assertThat(info.getConfiguration().getMetadata())
                    .containsEntry("team", "payments")
                    .containsKeys("_nats.ver", "_nats.level", "_nats.req.level");
        }
    }

    @Nested
    @Order(2)
    @DisplayName("consumers with several filter subjects")
    @TestMethodOrder(OrderAnnotation.class)
    class FilterSubjects {

        private ConsumerConfiguration twoFilters() {
            // tag::filter-subjects[]
            ConsumerConfiguration config = ConsumerConfiguration.builder()
                    .durable("billing")
                    .filterSubjects("orders.created", "orders.paid")
                    .build();
            // end::filter-subjects[]
            return config;
        }

        @Test
        @Order(1)
        @EnabledOnNatsServer(max = "2.9")
        @DisplayName("2.9 has one filter subject per consumer, and jnats refuses several")
        void oneFilterBefore210(JetStreamManagement management) throws Exception {
            management.addStream(StreamConfiguration.builder()
                    .name("ORDERS")
                    .subjects("orders.>")
                    .build());

            assertThatThrownBy(() -> management.addOrUpdateConsumer("ORDERS", twoFilters()))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("Multiple filter subjects not available until server version 2.10.0");
        }

        @Test
        @Order(2)
        @EnabledOnNatsServer(min = "2.10")
        @DisplayName("2.10 and newer filter one consumer on several subjects")
        void severalFiltersFrom210(JetStreamManagement management) throws Exception {
            management.addStream(StreamConfiguration.builder()
                    .name("ORDERS")
                    .subjects("orders.>")
                    .build());

            ConsumerConfiguration stored =
                    management.addOrUpdateConsumer("ORDERS", twoFilters()).getConsumerConfiguration();

            assertThat(stored.getFilterSubjects()).containsExactly("orders.created", "orders.paid");
        }
    }

    @Nested
    @Order(3)
    @DisplayName("stream compression")
    @TestMethodOrder(OrderAnnotation.class)
    class Compression {

        private StreamInfo createCompressed(JetStreamManagement management) throws Exception {
            // tag::compression[]
            StreamConfiguration config = StreamConfiguration.builder()
                    .name("AUDIT")
                    .subjects("audit.>")
                    .compressionOption(CompressionOption.S2)
                    .build();
            // end::compression[]
            return management.addStream(config);
        }

        @Test
        @Order(1)
        @EnabledOnNatsServer(max = "2.9")
        @DisplayName("2.9 ignores the compression setting and stores uncompressed")
        void ignoredBefore210(JetStreamManagement management) throws Exception {
            StreamInfo info = createCompressed(management);

            assertThat(info.getConfiguration().getCompressionOption()).isEqualTo(CompressionOption.None);
        }

        @Test
        @Order(2)
        @EnabledOnNatsServer(min = "2.10")
        @DisplayName("2.10 and newer compress a file stream with S2")
        void s2From210(JetStreamManagement management) throws Exception {
            StreamInfo info = createCompressed(management);

            assertThat(info.getConfiguration().getCompressionOption()).isEqualTo(CompressionOption.S2);
        }
    }

    @Nested
    @Order(4)
    @DisplayName("per-message time to live")
    @TestMethodOrder(OrderAnnotation.class)
    class MessageTtl {

        private StreamInfo createWithTtl(JetStreamManagement management) throws Exception {
            // tag::message-ttl[]
            StreamConfiguration config = StreamConfiguration.builder()
                    .name("SESSIONS")
                    .subjects("sessions.>")
                    .allowMessageTtl()
                    .build();
            // end::message-ttl[]
            return management.addStream(config);
        }

        @Test
        @Order(1)
        @EnabledOnNatsServer(max = "2.10")
        @DisplayName("2.10 and older ignore allowMessageTtl, so a Nats-TTL header has no effect")
        void ignoredBefore211(JetStreamManagement management) throws Exception {
            StreamInfo info = createWithTtl(management);

            assertThat(info.getConfiguration().isAllowMessageTtl()).isFalse();
        }

        @Test
        @Order(2)
        @EnabledOnNatsServer(min = "2.11")
        @DisplayName("2.11 and newer let a stream honour a TTL on each message")
        void honouredFrom211(JetStreamManagement management) throws Exception {
            StreamInfo info = createWithTtl(management);

            assertThat(info.getConfiguration().isAllowMessageTtl()).isTrue();
        }
    }
}
