package org.easy2hard.model;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.file.Path;
import java.security.Permission;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.easy2hard.model.llama.LlamaModel;
import org.easy2hard.model.llama.TinyLlamaFixture;

/**
 * Child JVM of {@link NoNetworkTest}: started with neither of DJL's offline switches set, it installs a recorder of
 * connection attempts before any library or DJL class loads, then opens the bundled encoder and a tiny Llama inside
 * the JVM, encodes texts and scores continuations. Every attempt to reach a host that is not loopback (and every
 * name lookup) is recorded and refused. Prints one line {@code attempt HOST:PORT} per attempt, then {@code done}.
 *
 * <p>Arguments: a scratch directory; optionally {@code --force-online}, which sets DJL's switches to {@code false}
 * first, as a user who wants DJL's downloads would, to show the recorder catches DJL when it does phone home.
 */
public final class NoNetworkProcess {

    private NoNetworkProcess() {
    }

    /**
     * Records and refuses every non-loopback connection and name lookup. A security manager sees each socket
     * connection whatever opens it (URL connections, raw sockets, native-free libraries), which a proxy selector
     * alone would not. Every other permission is granted.
     */
    @SuppressWarnings("removal")
    private static final class Recorder extends SecurityManager {
        final List<String> attempts = new CopyOnWriteArrayList<>();

        @Override
        public void checkPermission(Permission permission) {
        }

        @Override
        public void checkPermission(Permission permission, Object context) {
        }

        @Override
        public void checkConnect(String host, int port) {
            if (!loopback(host)) {
                attempts.add(host + ":" + port);
                throw new SecurityException("network access refused in the no-network test: " + host + ":" + port);
            }
        }

        @Override
        public void checkConnect(String host, int port, Object context) {
            checkConnect(host, port);
        }

        private static boolean loopback(String host) {
            String bare = host.startsWith("[") ? host.substring(1, host.length() - 1) : host;
            if (bare.equals("localhost")) {
                return true;
            }
            // Only literal addresses are judged here: a name would need a lookup, which is itself an attempt.
            if (!bare.matches("[0-9.]+|[0-9a-fA-F:]+")) {
                return false;
            }
            try {
                return InetAddress.getByName(bare).isLoopbackAddress();
            } catch (UnknownHostException e) {
                return false;
            }
        }
    }

    /** Entry point; see the class comment. */
    @SuppressWarnings("removal")
    public static void main(String[] args) throws Exception {
        Path dir = Path.of(args[0]);
        if (args.length > 1 && args[1].equals("--force-online")) {
            System.setProperty("ai.djl.offline", "false");
            System.setProperty("OPT_OUT_TRACKING", "false");
        }
        Recorder recorder = new Recorder();
        System.setSecurityManager(recorder);
        try {
            CacheDirectory cache = CacheDirectory.at(dir.resolve("cache"));
            try (OnnxEncoder encoder = OnnxEncoder.builder().setModel(BundledModel.ALL_MINILM_L6_V2_Q)
                    .optCacheDirectory(cache).build()) {
                float[][] features = encoder.encode(List.of("Which gas do plants take in?", "Carbon dioxide."));
                System.out.println("encoded " + features.length + " x " + features[0].length);
            }
            Path model = TinyLlamaFixture.random(TinyLlamaFixture.Spec.llama(), 4).write(dir.resolve("model"));
            try (LlamaModel llama = LlamaModel.builder().setModel(model).optCache(cache).build()) {
                double logProbability = llama.logLikelihoods(
                        List.of(new LogLikelihoodRequest("the capital of france is", " paris"))).get(0).logProbability();
                System.out.println("scored " + logProbability);
            }
        } catch (RuntimeException | Error e) {
            // With the switches forced off DJL's refused call surfaces as an error (in DJL's engine initialiser,
            // so possibly as an Error); what matters is the record.
            System.out.println("failed " + e);
        }
        recorder.attempts.forEach(attempt -> System.out.println("attempt " + attempt));
        System.out.println("done");
        System.out.flush();
        // DJL's and libtorch's threads are not ours to wait for.
        System.exit(0);
    }
}
