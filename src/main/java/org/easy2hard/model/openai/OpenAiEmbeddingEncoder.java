package org.easy2hard.model.openai;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.easy2hard.model.Encoder;
import org.easy2hard.model.EncoderException;
import org.easy2hard.model.LanguageModelException;
import org.easy2hard.model.ModelIdentity;
import org.easy2hard.model.Progress;
import org.easy2hard.model.RequestCache;

/**
 * An {@link Encoder} over a server's {@code POST /v1/embeddings}: for a causal LM served as an embedding model (vLLM
 * with {@code --task embed} and last-token pooling gives the last token's final hidden state), so that the linear
 * probe can run on a model too large for the JVM. One request per text, many in flight, each answer cached in the
 * {@link RequestCache} like the completions model's.
 *
 * <p>Which hidden state comes back (pooling, normalisation, layer) is the server's configuration: record it with
 * {@code optSetting("pooling", "LAST")} etc. so it enters the identity and cache keys.
 */
public final class OpenAiEmbeddingEncoder implements Encoder {

    private final ModelIdentity identity;
    private final ServerClient client;
    private volatile int dimension;

    private OpenAiEmbeddingEncoder(Builder builder) {
        this.identity = builder.identity(Map.of("api", "openai-embeddings"));
        this.client = builder.client(identity);
        this.dimension = builder.dimension;
    }

    /** A builder; {@link Builder#setModel} and {@link Builder#setBaseUrls} are required. */
    public static Builder builder() {
        return new Builder();
    }

    @Override
    public ModelIdentity identity() {
        return identity;
    }

    /** The vector length: as given to the builder, else learnt from the server by embedding one short text. */
    @Override
    public int dimension() {
        if (dimension == 0) {
            dimension = fetch(List.of("dimension"), Progress.NONE)[0].length;
        }
        return dimension;
    }

    @Override
    public float[][] encode(List<String> texts, Progress progress) {
        int expected = dimension();
        float[][] vectors = fetch(texts, progress);
        for (int i = 0; i < vectors.length; i++) {
            if (vectors[i].length != expected) {
                throw new EncoderException("server " + client.baseUrls() + " returned an embedding of length "
                        + vectors[i].length + " for text " + i + ", expected " + expected);
            }
        }
        return vectors;
    }

    private float[][] fetch(List<String> texts, Progress progress) {
        List<float[]> vectors;
        try {
            vectors = client.run("embedding with " + identity.name(), texts.stream().map(EmbeddingCall::new).toList(),
                    Objects.requireNonNull(progress, "progress"));
        } catch (LanguageModelException e) {
            throw new EncoderException(e.getMessage(), e);
        }
        return vectors.stream().map(float[]::clone).toArray(float[][]::new);
    }

    /** One text's embedding. */
    private final class EmbeddingCall extends ServerClient.Call<float[]> {
        private final String text;

        EmbeddingCall(String text) {
            super(ServerClient.Route.EMBEDDINGS);
            this.text = Objects.requireNonNull(text, "text");
        }

        @Override
        ObjectNode body() {
            return client.body().put("input", text).put("encoding_format", "float");
        }

        @Override
        JsonNode answer(JsonNode response, String server) {
            JsonNode embedding = response.path("data").path(0).path("embedding");
            if (!embedding.isArray() || embedding.isEmpty()) {
                throw new LanguageModelException("server " + server + " returned no data[0].embedding list "
                        + "(is the model served as an embedding model?)");
            }
            ObjectNode answer = client.mapper().createObjectNode();
            ArrayNode values = answer.putArray("embedding");
            for (JsonNode value : embedding) {
                if (!value.isNumber()) {
                    throw new LanguageModelException("server " + server + " returned a non-number in "
                            + "data[0].embedding");
                }
                values.add(value.asDouble());
            }
            return answer;
        }

        @Override
        float[] result(JsonNode answer) {
            JsonNode values = answer.get("embedding");
            float[] vector = new float[values.size()];
            for (int i = 0; i < vector.length; i++) {
                if (!values.get(i).isNumber()) {
                    throw new IllegalArgumentException("cached embedding holds a non-number");
                }
                vector[i] = (float) values.get(i).asDouble();
            }
            return vector;
        }
    }

    @Override
    public void close() {
        client.close();
    }

    @Override
    public String toString() {
        return "OpenAiEmbeddingEncoder[" + identity.name() + ", revision=" + identity.weightsSha256() + ", " + client
                + "]";
    }

    /** Builds an {@link OpenAiEmbeddingEncoder}; the shared server settings are inherited. */
    public static final class Builder extends ClientBuilder<Builder> {
        private int dimension;

        private Builder() {
        }

        @Override
        Builder self() {
            return this;
        }

        /** The embedding length, when known (saves one request); otherwise asked of the server at first use. */
        public Builder optDimension(int dimension) {
            if (dimension < 1) {
                throw new IllegalArgumentException("dimension must be >= 1, was " + dimension);
            }
            this.dimension = dimension;
            return this;
        }

        /** The encoder; it sends nothing until first used. */
        public OpenAiEmbeddingEncoder build() {
            return new OpenAiEmbeddingEncoder(this);
        }
    }
}
