package dev.natskit.server;

import java.util.stream.Collectors;

/** Starts a cluster in a separate JVM, prints its nodes' process ids and blocks, so a test can kill that JVM. */
final class ClusterInChildJvm {

    private ClusterInChildJvm() {}

    public static void main(String[] arguments) throws Exception {
        LocalNatsCluster cluster = LocalNatsCluster.start();
        String pids = cluster.nodes().stream()
                .map(node -> Long.toString(((LocalNatsServer) node).pid().orElseThrow()))
                .collect(Collectors.joining(","));
        System.out.println("pid=" + pids);
        System.out.flush();
        // Block until the parent kills this JVM; the cluster is never closed here on purpose.
        System.in.read();
    }
}
