package io.jemini.cluster;

import io.jemini.engine.config.UsageException;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.spark.SparkConf;
import org.apache.spark.api.java.JavaSparkContext;

/**
 * A Spark master URL checked before anything starts — its form, and for a standalone master that
 * it answers — and the context opened on it (no web UI, warnings only).
 */
final class SparkMaster {
    private static final Pattern LOCAL = Pattern.compile("local(\\[(\\d+|\\*)(,\\d+)?])?");
    private static final Pattern STANDALONE = Pattern.compile("spark://(.+)");
    private static final int CONNECT_MILLIS = 5000;

    private SparkMaster() {
    }

    /** Whether the master runs in this process. */
    static boolean local(String master) {
        return LOCAL.matcher(master).matches();
    }

    /** Refuses a malformed URL or a standalone master that does not answer, in one line. */
    static void check(String master) {
        if (local(master) || master.equals("yarn") || master.startsWith("k8s://")) {
            return;
        }
        Matcher m = STANDALONE.matcher(master);
        if (!m.matches()) {
            throw new UsageException("--cluster " + master + " is not a Spark master URL; allowed: local[N], spark://host:port, "
                    + "yarn, k8s://https://host:port");
        }
        for (String hostPort : m.group(1).split(",")) {
            int colon = hostPort.lastIndexOf(':');
            String host = colon < 0 ? hostPort : hostPort.substring(0, colon);
            int port;
            try {
                port = colon < 0 ? 7077 : Integer.parseInt(hostPort.substring(colon + 1));
            } catch (NumberFormatException e) {
                throw new UsageException("--cluster " + master + ": '" + hostPort + "' is not host:port");
            }
            try (Socket socket = new Socket()) {
                socket.connect(new InetSocketAddress(host, port), CONNECT_MILLIS);
            } catch (IOException e) {
                throw new UsageException("cannot reach the Spark master at " + host + ":" + port + " (" + e.getMessage()
                        + "); is it running? (--cluster local[N] runs the points in this machine's Spark instead)");
            }
        }
    }

    /** A context on {@code master}: no web UI, quiet logs, RPC messages up to 1 GiB (data-parallel gradients travel in them). */
    static JavaSparkContext open(String master) {
        SparkConf conf = new SparkConf().setAppName("jemini").setMaster(master).set("spark.ui.enabled", "false")
                .set("spark.rpc.message.maxSize", "1024");
        if (local(master)) {
            conf.set("spark.driver.host", "127.0.0.1").set("spark.driver.bindAddress", "127.0.0.1");
        }
        JavaSparkContext sc = new JavaSparkContext(conf);
        sc.setLogLevel("WARN");
        return sc;
    }
}
