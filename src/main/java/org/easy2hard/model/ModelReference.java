package org.easy2hard.model;

import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * What a model name on the command line, in {@value ModelEnvironment#MODEL_VARIABLE} or in a notebook means, parsed
 * once by {@link #parse(String)}. The five kinds and their written forms:
 * <ul>
 *   <li>{@link Bundled}: an encoder shipped in a Maven jar, by name ({@code bge-small-en-v1.5},
 *       {@code all-MiniLM-L6-v2-q}, case-insensitive);</li>
 *   <li>{@link OnnxDirectory}: a directory holding {@code model.onnx} and {@code tokenizer.json};</li>
 *   <li>{@link HubRepository}: {@code hf:owner/name[@revision]}, a causal LM downloaded from the Hugging Face hub
 *       into the cache and run inside the JVM;</li>
 *   <li>{@link CausalDirectory}: a local Hugging Face causal LM directory ({@code config.json},
 *       {@code tokenizer.json}, safetensors; no {@code model.onnx}), run inside the JVM;</li>
 *   <li>{@link Server}: one or more OpenAI-compatible server base URLs, comma-separated, then {@code #} and the
 *       served model name: {@code http://gpu1:8000/v1,http://gpu1:8001/v1#meta-llama/Llama-2-7b-hf}.</li>
 * </ul>
 * A reference is a value: it opens nothing. {@code org.easy2hard.model.open.ModelOpener} opens one (that class sits
 * in a package above this one because it needs the Llama and server backends, which themselves depend on this
 * package).
 */
public sealed interface ModelReference {

    /** What {@link #parse} accepts, for error messages. */
    String EXPECTED = "a bundled encoder (" + Arrays.stream(BundledModel.values()).map(BundledModel::modelName)
            .collect(Collectors.joining(", ")) + "), a directory with model.onnx or config.json, "
            + "hf:owner/name[@revision], or a server URL[,URL...]#served-model-name";

    /** The prefix of a hub reference. */
    String HUB_PREFIX = "hf:";

    /** The written form, which {@link #parse} reads back to an equal reference. */
    String text();

    /** A short name for records and run directories: the encoder's name, the directory's, the repository or the served model. */
    String name();

    /** Whether the model is a causal language model (hub, causal directory or server), as opposed to an encoder. */
    default boolean isCausal() {
        return !(this instanceof Bundled || this instanceof OnnxDirectory);
    }

    /** Whether the model runs inside this JVM as a causal LM (hub repository or causal directory). */
    default boolean isInJvmCausal() {
        return this instanceof HubRepository || this instanceof CausalDirectory;
    }

    /**
     * Whether a written reference names a server ({@code http://} or {@code https://}), without parsing or touching
     * the file system.
     */
    static boolean namesServer(String text) {
        String s = text == null ? "" : text.strip();
        return s.startsWith("http://") || s.startsWith("https://");
    }

    /**
     * Parses a written reference. Directories are looked at (the only file-system access): one holding
     * {@code model.onnx} is an ONNX encoder, else one holding {@code config.json} a causal LM.
     *
     * @throws IllegalArgumentException one line naming the text and what was expected
     */
    static ModelReference parse(String text) {
        if (text == null || text.isBlank()) {
            throw new IllegalArgumentException("empty model reference; expected " + EXPECTED);
        }
        String s = text.strip();
        if (namesServer(s)) {
            return Server.parse(s);
        }
        if (s.startsWith(HUB_PREFIX)) {
            return HubRepository.parse(s);
        }
        Path path;
        try {
            path = Path.of(s);
        } catch (InvalidPathException e) {
            throw new IllegalArgumentException("model reference '" + s + "' is not a valid path; expected " + EXPECTED);
        }
        if (Files.isDirectory(path)) {
            if (Files.isRegularFile(path.resolve("model.onnx"))) {
                return new OnnxDirectory(path);
            }
            if (Files.isRegularFile(path.resolve("config.json"))) {
                return new CausalDirectory(path);
            }
            throw new IllegalArgumentException("model directory '" + s + "' holds neither model.onnx (an ONNX encoder) "
                    + "nor config.json (a Hugging Face causal LM)");
        }
        for (BundledModel model : BundledModel.values()) {
            if (model.modelName().equalsIgnoreCase(s) || model.name().equalsIgnoreCase(s)) {
                return new Bundled(model);
            }
        }
        if (Files.exists(path)) {
            throw new IllegalArgumentException("model reference '" + s + "' is a file, not a model directory; expected "
                    + EXPECTED);
        }
        throw new IllegalArgumentException("unknown model '" + s + "' (no such bundled encoder or directory); expected "
                + EXPECTED);
    }

    /**
     * An encoder shipped in a Maven jar.
     *
     * @param model which one
     */
    record Bundled(BundledModel model) implements ModelReference {

        /** Checks the model is given. */
        public Bundled {
            Objects.requireNonNull(model, "model");
        }

        @Override
        public String text() {
            return model.modelName();
        }

        @Override
        public String name() {
            return model.modelName();
        }
    }

    /**
     * A directory holding an ONNX encoder ({@code model.onnx}, {@code tokenizer.json}).
     *
     * @param directory the directory
     */
    record OnnxDirectory(Path directory) implements ModelReference {

        /** Checks the directory is given. */
        public OnnxDirectory {
            Objects.requireNonNull(directory, "directory");
        }

        @Override
        public String text() {
            return directory.toString();
        }

        @Override
        public String name() {
            return directory.toAbsolutePath().normalize().getFileName().toString();
        }
    }

    /**
     * A local Hugging Face causal LM directory ({@code config.json}, {@code tokenizer.json}, safetensors).
     *
     * @param directory the directory
     */
    record CausalDirectory(Path directory) implements ModelReference {

        /** Checks the directory is given. */
        public CausalDirectory {
            Objects.requireNonNull(directory, "directory");
        }

        @Override
        public String text() {
            return directory.toString();
        }

        @Override
        public String name() {
            return directory.toAbsolutePath().normalize().getFileName().toString();
        }
    }

    /**
     * A causal LM on the Hugging Face hub: {@code hf:owner/name[@revision]} (a branch, tag or commit; default
     * {@code main}). This is the one grammar of hub references; {@code model.llama.HubReference} checks through it.
     *
     * @param repository {@code owner/name}
     * @param revision   the branch, tag or commit
     */
    record HubRepository(String repository, String revision) implements ModelReference {

        private static final Pattern FORM = Pattern.compile(
                "hf:([A-Za-z0-9][A-Za-z0-9._-]*/[A-Za-z0-9][A-Za-z0-9._-]*)(?:@([A-Za-z0-9][A-Za-z0-9._/-]*))?");

        /** Checks the parts. */
        public HubRepository {
            Objects.requireNonNull(repository, "repository");
            Objects.requireNonNull(revision, "revision");
            if (!FORM.matcher(HUB_PREFIX + repository + "@" + revision).matches() || repository.contains("..")
                    || revision.contains("..")) {
                throw new IllegalArgumentException("not a hub repository and revision: '" + repository + "@"
                        + revision + "'");
            }
        }

        /**
         * Parses {@code hf:owner/name[@revision]}.
         *
         * @throws IllegalArgumentException naming the text and the expected form
         */
        public static HubRepository parse(String text) {
            Matcher matcher = FORM.matcher(text);
            if (!matcher.matches() || text.contains("..")) {
                throw new IllegalArgumentException("'" + text + "' is not a hub reference of the form "
                        + "hf:owner/name or hf:owner/name@revision");
            }
            return new HubRepository(matcher.group(1), matcher.group(2) == null ? "main" : matcher.group(2));
        }

        @Override
        public String text() {
            return HUB_PREFIX + repository + "@" + revision;
        }

        @Override
        public String name() {
            return repository;
        }
    }

    /**
     * One or more replicas of an OpenAI-compatible server (vLLM, ...) serving one model; the API key, if any, is
     * never part of a reference (it is read from the environment when the model is opened).
     *
     * @param baseUrls     the API bases with their {@code /v1}, one per replica
     * @param servedModel  the model name the server serves ({@code GET URL/models} lists it)
     */
    record Server(List<URI> baseUrls, String servedModel) implements ModelReference {

        /** Checks the parts: at least one http(s) URL with a host, and a served name. */
        public Server {
            baseUrls = List.copyOf(baseUrls);
            if (baseUrls.isEmpty()) {
                throw new IllegalArgumentException("a server reference needs at least one base URL");
            }
            for (URI url : baseUrls) {
                if (!("http".equals(url.getScheme()) || "https".equals(url.getScheme())) || url.getHost() == null
                        || url.getFragment() != null || url.toString().contains(",")) {
                    throw new IllegalArgumentException("'" + url + "' is not an http(s) base URL with a host");
                }
            }
            if (servedModel == null || servedModel.isBlank() || !servedModel.equals(servedModel.strip())) {
                throw new IllegalArgumentException("a server reference needs the served model name (GET "
                        + baseUrls.get(0) + "/models lists it), was '" + servedModel + "'");
            }
        }

        /**
         * A server from base URLs written comma-separated (as {@code --lm-url} takes them) and a served name.
         *
         * @throws IllegalArgumentException naming the bad URL or the missing name
         */
        public static Server of(String baseUrls, String servedModel) {
            String urls = baseUrls == null ? "" : baseUrls.strip();
            if (servedModel == null || servedModel.isBlank()) {
                throw new IllegalArgumentException("server '" + urls + "' needs the served model name: "
                        + "URL[,URL...]#NAME (GET " + urls.split(",")[0].strip() + "/models lists it)");
            }
            List<URI> parsed = new ArrayList<>();
            for (String part : urls.split(",")) {
                String url = part.strip();
                if (url.isEmpty()) {
                    continue;
                }
                try {
                    parsed.add(new URI(url));
                } catch (URISyntaxException e) {
                    throw new IllegalArgumentException("server URL '" + url + "' is not a URL: " + e.getReason());
                }
            }
            return new Server(parsed, servedModel.strip());
        }

        /** Parses {@code URL[,URL...]#NAME}. */
        static Server parse(String text) {
            int hash = text.indexOf('#');
            if (hash < 0 || hash == text.length() - 1) {
                throw new IllegalArgumentException("server reference '" + text + "' has no served model name; "
                        + "expected URL[,URL...]#NAME, e.g. http://gpu1:8000/v1#meta-llama/Llama-2-7b-hf");
            }
            try {
                return of(text.substring(0, hash), text.substring(hash + 1));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("server reference '" + text + "': " + e.getMessage(), e);
            }
        }

        /** The base URLs as strings. */
        public List<String> urls() {
            return baseUrls.stream().map(URI::toString).toList();
        }

        @Override
        public String text() {
            return String.join(",", urls()) + "#" + servedModel;
        }

        @Override
        public String name() {
            return servedModel;
        }
    }
}
