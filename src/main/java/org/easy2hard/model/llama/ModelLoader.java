package org.easy2hard.model.llama;

import ai.djl.Device;
import ai.djl.engine.Engine;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.easy2hard.io.Sha256;
import org.easy2hard.model.CacheDirectory;
import org.easy2hard.model.LanguageModelException;
import org.easy2hard.model.ModelFiles;
import org.easy2hard.model.OptionTokens;
import org.easy2hard.model.llama.internal.ComputeTypes;
import org.easy2hard.model.llama.internal.LayerPlacement;
import org.easy2hard.model.llama.internal.LlamaConfig;
import org.easy2hard.model.llama.internal.LlamaNetwork;
import org.easy2hard.model.llama.internal.LlamaWeights;
import org.easy2hard.model.llama.internal.MemoryEstimate;
import org.easy2hard.model.llama.internal.SafeTensors;

/**
 * Loads what a {@link LlamaModel.Builder} describes: the directory (a hub reference downloaded first), the
 * architecture, the weights' hashes (before any native memory is taken, so a failure leaks nothing), the settings the
 * launchers put in the environment, the device or placement, the tokenizer and the network; and the identity's
 * settings. The builder only holds options; this is the one place they turn into a model.
 */
final class ModelLoader {

    /** Everything a {@link LlamaModel} is made of. */
    record Loaded(NDManager manager, LlamaNetwork network, LlamaTokenizer tokenizer, LlamaConfig config,
            int contextLength, int batchSize, int[] hiddenStates, String name, String source, String weightsSha256,
            Map<String, String> settings, MemoryBudget budget, Consumer<String> log, OptionTokens optionTokens) {
    }

    private ModelLoader() {
    }

    static Loaded load(LlamaModel.Builder builder) {
        // The native pairing first: a mismatched libtorch fails here with the command that fixes it.
        org.easy2hard.model.NativeRuntime.check();
        CacheDirectory cache = builder.cache != null ? builder.cache : CacheDirectory.fromSettings();
        HubReference hub = builder.hub;
        String[] resolvedRevision = new String[1];
        Path directory = hub == null ? localDirectory(builder.directory)
                : download(hub, builder, cache, resolvedRevision);
        LlamaConfig config = LlamaConfig.read(directory.resolve("config.json"));
        SafeTensors checkpoint = SafeTensors.openDirectory(directory);
        int window = config.maxPositionEmbeddings();
        if (config.slidingWindow() > 0) {
            window = Math.min(window, config.slidingWindow());
        }
        int contextLength = Math.min(window, builder.contextLength);
        int[] hiddenStates = builder.hiddenStates != null ? builder.hiddenStates.clone()
                : builder.layers.hiddenStates(config.layers());
        for (int index : hiddenStates) {
            if (index < 0 || index > config.layers()) {
                throw new IllegalArgumentException("hidden state " + index + " outside 0.." + config.layers());
            }
        }
        if (!Files.isRegularFile(directory.resolve("tokenizer.json"))) {
            throw new LanguageModelException("model directory " + directory + " has no tokenizer.json");
        }
        // Hash before allocating native memory, so that a failure here leaks nothing.
        ModelFiles files = new ModelFiles(cache.models());
        StringBuilder hashes = new StringBuilder();
        for (Path file : checkpoint.files()) {
            hashes.append(file.getFileName()).append(' ').append(files.local(file).sha256()).append('\n');
        }
        String weightsSha256 = checkpoint.files().size() == 1
                ? files.local(checkpoint.files().get(0)).sha256() : Sha256.of(hashes.toString());
        String tokenizerSha256 = files.local(directory.resolve("tokenizer.json")).sha256();

        // What the launchers set for every model: the compute type when none was set in code, and every visible
        // GPU when asked for.
        DataType dataType = builder.dataType;
        if (dataType == null) {
            String named = builder.environment.get(LlamaModel.Builder.DTYPE_VARIABLE);
            dataType = named == null || named.isBlank() ? DataType.FLOAT32 : ComputeTypes.parse(named);
        }
        List<Device> devices = builder.devices;
        LayerPlacement placement = builder.placement;
        if (devices == null && placement == null && builder.device == null
                && "all".equals(builder.environment.get(LlamaModel.Builder.DEVICES_VARIABLE))) {
            int gpus = Engine.getEngine("PyTorch").getGpuCount();
            if (gpus > 1) {
                devices = IntStream.range(0, gpus).mapToObj(Device::gpu).toList();
            }
        }
        if (placement == null && devices != null && devices.size() > 1) {
            placement = LayerPlacement.plan(config, dataType, devices.stream()
                    .map(d -> new LayerPlacement.DeviceMemory(d, (long) (MemoryBudget.freeBytes(d)
                            * LayerPlacement.WEIGHT_SHARE))).toList());
        }
        Device device = placement != null ? placement.device(0)
                : builder.device != null ? builder.device : Engine.getEngine("PyTorch").defaultDevice();
        LlamaTokenizer tokenizer = LlamaTokenizer.load(directory, config, builder.bosRule);
        NDManager manager = null;
        LlamaNetwork network;
        try {
            manager = NDManager.newBaseManager(device, "PyTorch");
            network = LlamaWeights.load(config, checkpoint, manager, contextLength, dataType, placement);
        } catch (RuntimeException e) {
            tokenizer.close();
            if (manager != null) {
                manager.close();
            }
            throw e;
        }
        MemoryBudget budget = MemoryBudget.resolve(device, builder.memoryBudget, builder.environment);
        builder.log.accept("easy2hard: " + directory.getFileName() + ": weights "
                + MemoryEstimate.gib(MemoryEstimate.weightBytes(config, network.dataType())) + " in "
                + network.dataType() + " on " + (placement != null ? placement.stages() : device)
                + "; batches sized to " + MemoryEstimate.gib(budget.bytes()) + " (" + budget.source() + ")");

        String name = hub != null ? hub.repository() : directory.getFileName().toString();
        String source = hub != null ? hub.toString() : directory.toAbsolutePath().normalize().toString();
        Map<String, String> s = new LinkedHashMap<>();
        if (hub != null) {
            s.put("revision", resolvedRevision[0] != null ? resolvedRevision[0] : hub.revision());
        }
        s.put("backend", "djl-pytorch");
        s.put("compute", dataType.toString());
        s.put("storedDtypes", checkpoint.tensors().values().stream().map(t -> t.dtype().name()).distinct().sorted()
                .collect(Collectors.joining("+")));
        s.put("bos", builder.bosRule.label() + ":" + Arrays.stream(tokenizer.withBos(new long[0]))
                .mapToObj(Long::toString).collect(Collectors.joining("+")));
        s.put("optionTokens", builder.optionTokens.label());
        s.put("contextLength", Integer.toString(contextLength));
        s.put("hiddenStates", Arrays.stream(hiddenStates).mapToObj(Integer::toString)
                .collect(Collectors.joining("+")));
        s.put("pooling", "final-token");
        s.put("tokenizerSha256", tokenizerSha256);
        return new Loaded(manager, network, tokenizer, config, contextLength, builder.batchSize, hiddenStates, name,
                source, weightsSha256, s, budget, builder.log, builder.optionTokens);
    }

    private static Path localDirectory(Path directory) {
        if (!Files.isDirectory(directory)) {
            throw new LanguageModelException("model directory " + directory + " does not exist");
        }
        return directory;
    }

    /** Downloads a hub reference into the cache (once) and returns its snapshot directory and resolved commit. */
    private static Path download(HubReference hub, LlamaModel.Builder builder, CacheDirectory cache,
            String[] resolvedRevision) {
        try (HubDownloader downloader = HubDownloader.builder().optEndpoint(builder.endpoint)
                .optEnvironment(builder.environment).setCache(cache).build()) {
            HubDownloader.Snapshot snapshot = downloader.fetch(hub);
            resolvedRevision[0] = snapshot.commit();
            return snapshot.directory();
        } catch (java.net.ConnectException | java.net.UnknownHostException
                | java.net.http.HttpConnectTimeoutException e) {
            // These carry no message of their own (": null" otherwise); say what it means and what to do.
            throw new UncheckedIOException("cannot download " + hub + ": no connection to the model hub ("
                    + e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + e.getMessage())
                    + "); offline, pass a local model directory instead (--model DIR)", e);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot download " + hub + ": " + (e.getMessage() != null
                    ? e.getMessage() : e.getClass().getSimpleName()), e);
        }
    }
}
