package org.easy2hard.model.lora;

import ai.djl.Device;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.easy2hard.io.AtomicFiles;
import org.easy2hard.model.LanguageModelException;
import org.easy2hard.model.llama.internal.HostTensor;
import org.easy2hard.model.llama.internal.SafeTensors;
import org.easy2hard.model.llama.internal.SafeTensorsWriter;

/**
 * {@link LoraAdapters} on disk in Hugging Face PEFT's layout ({@value LoraAdapters#TENSORS_FILE} with PEFT's tensor
 * names, {@value LoraAdapters#CONFIG_FILE} with PEFT's fields plus ours under {@code easy2hard}), so that PEFT loads
 * what we save; reading checks every name, shape and rank and names the file when one is off.
 */
final class PeftFiles {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern PEFT_NAME = Pattern.compile(
            "base_model\\.model\\.model\\.layers\\.(\\d+)\\.(?:self_attn|mlp)\\.(\\w+)\\.lora_([AB])\\.weight");

    private PeftFiles() {
    }

    /** {@link LoraAdapters#save}. */
    static void save(LoraAdapters adapters, Path directory, Map<String, String> metadata) throws IOException {
        LoraConfig config = adapters.config();
        Map<String, HostTensor> tensors = new LinkedHashMap<>();
        adapters.parameters().forEach((name, array) -> tensors.put(name,
                new HostTensor(array.getShape().getShape(), array.toFloatArray())));
        Files.createDirectories(directory);
        try {
            SafeTensorsWriter.write(directory.resolve(LoraAdapters.TENSORS_FILE), tensors, SafeTensors.DType.F32, metadata);
        } catch (UncheckedIOException e) {
            throw e.getCause();
        }
        ObjectNode root = JSON.createObjectNode();
        root.put("peft_type", "LORA");
        root.put("task_type", "CAUSAL_LM");
        root.put("r", config.rank());
        root.put("lora_alpha", config.alpha());
        root.put("lora_dropout", config.dropout());
        ArrayNode modules = root.putArray("target_modules");
        config.targetModules().forEach(modules::add);
        root.put("bias", "none");
        root.put("fan_in_fan_out", false);
        root.put("init_lora_weights", true);
        String base = metadata.get("base_model");
        if (base != null) {
            root.put("base_model_name_or_path", base);
        }
        ObjectNode ours = root.putObject("easy2hard");
        new TreeMap<>(metadata).forEach(ours::put);
        AtomicFiles.write(directory.resolve(LoraAdapters.CONFIG_FILE),
                JSON.writerWithDefaultPrettyPrinter().writeValueAsBytes(root));
    }

    /** {@link LoraAdapters#load}. */
    static LoraAdapters load(Path directory, Device device) throws IOException {
        Path configFile = directory.resolve(LoraAdapters.CONFIG_FILE);
        if (!Files.isRegularFile(configFile)) {
            throw new NoSuchFileException(configFile.toString(), null, "no saved LoRA adapters here");
        }
        JsonNode root;
        try {
            root = JSON.readTree(configFile.toFile());
        } catch (IOException e) {
            throw new IOException(configFile + ": malformed adapter configuration: " + e.getMessage(), e);
        }
        LoraConfig config;
        try {
            List<String> modules = new ArrayList<>();
            root.path("target_modules").forEach(node -> modules.add(node.asText()));
            config = new LoraConfig(root.path("r").asInt(0), root.path("lora_alpha").asDouble(0),
                    root.path("lora_dropout").asDouble(-1), modules);
        } catch (IllegalArgumentException e) {
            throw new IOException(configFile + ": " + e.getMessage(), e);
        }
        Map<String, String> metadata = new LinkedHashMap<>();
        root.path("easy2hard").fields().forEachRemaining(field -> metadata.put(field.getKey(),
                field.getValue().asText()));
        Path tensorFile = directory.resolve(LoraAdapters.TENSORS_FILE);
        Map<String, HostTensor> tensors = new LinkedHashMap<>();
        try {
            SafeTensors file = SafeTensors.openFiles(List.of(tensorFile));
            for (SafeTensors.TensorInfo info : file.tensors().values()) {
                tensors.put(info.name(), new HostTensor(info.shape(), file.readFloats(info.name())));
            }
        } catch (LanguageModelException e) {
            throw new IOException(e.getMessage(), e);
        }
        Map<String, float[]> aValues = new LinkedHashMap<>();
        Map<String, float[]> bValues = new LinkedHashMap<>();
        Map<String, long[]> aShapes = new LinkedHashMap<>();
        Map<String, long[]> bShapes = new LinkedHashMap<>();
        for (Map.Entry<String, HostTensor> entry : tensors.entrySet()) {
            Matcher matcher = PEFT_NAME.matcher(entry.getKey());
            long[] shape = entry.getValue().shape();
            if (!matcher.matches() || shape.length != 2) {
                throw new IOException(tensorFile + ": unexpected tensor " + entry.getKey() + " "
                        + java.util.Arrays.toString(shape));
            }
            String key = LoraTarget.key(Integer.parseInt(matcher.group(1)), matcher.group(2));
            boolean isA = matcher.group(3).equals("A");
            if ((isA ? shape[0] : shape[1]) != config.rank()) {
                throw new IOException(tensorFile + ": tensor " + entry.getKey() + " of shape "
                        + java.util.Arrays.toString(shape) + " does not have rank " + config.rank());
            }
            (isA ? aValues : bValues).put(key, entry.getValue().values());
            (isA ? aShapes : bShapes).put(key, shape);
        }
        List<LoraTarget> targets = new ArrayList<>();
        for (String key : aShapes.keySet()) {
            if (!bShapes.containsKey(key)) {
                throw new IOException(tensorFile + ": adapter " + key + " has lora_A but no lora_B");
            }
            int dot = key.indexOf('.');
            targets.add(new LoraTarget(Integer.parseInt(key.substring(0, dot)), key.substring(dot + 1),
                    (int) aShapes.get(key)[1], (int) bShapes.get(key)[0]));
        }
        if (targets.size() != bShapes.size()) {
            throw new IOException(tensorFile + ": some adapters have lora_B but no lora_A");
        }
        targets.sort(java.util.Comparator.comparingInt(LoraTarget::layer)
                .thenComparingInt(target -> config.targetModules().indexOf(target.module())));
        return new LoraAdapters(config, targets, device, aValues, bValues, metadata);
    }
}
