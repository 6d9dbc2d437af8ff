// Per-step top-k log-probabilities from llama.cpp (node-llama-cpp's prebuilt CPU build), for LlamaCppComparisonTest.
// Reads one JSON object on stdin: {"model": GGUF path, "steps": n, "k": k, "prompts": [[token ids], ...]}.
// Writes one JSON array on stdout, one entry per prompt, one entry per greedy step:
// {"token": chosen id, "top": [[id, log-probability], ...k of them, most probable first]}.
// The ids go in as ids (BOS included by the caller), so both engines see the same sequence; llama.cpp's own
// tokenizer is compared separately. Greedy sampling (temperature 0) leaves the logits as the model gave them, and
// node-llama-cpp's probabilities are their float32 softmax over the whole vocabulary.
import {getLlama, LlamaLogLevel} from "node-llama-cpp";

// The k most probable entries, most probable first, in one pass (sorting 152k entries per step costs more).
function topK(probabilities, k) {
    const best = [];
    for (const entry of probabilities) {
        if (best.length < k || entry[1] > best[best.length - 1][1]) {
            let i = best.length < k ? best.length : best.length - 1;
            while (i > 0 && best[i - 1][1] < entry[1]) {
                i--;
            }
            best.splice(i, 0, entry);
            if (best.length > k) {
                best.pop();
            }
        }
    }
    return best;
}

const chunks = [];
for await (const chunk of process.stdin) {
    chunks.push(chunk);
}
const request = JSON.parse(Buffer.concat(chunks).toString("utf8"));

const llama = await getLlama({gpu: false, build: "never", logLevel: LlamaLogLevel.error, progressLogs: false});
const model = await llama.loadModel({modelPath: request.model});
// llama.cpp keeps keys and values in float16 by default (and flash attention may round queries to it): a relative
// error of 5e-4 that shows as ~1e-3 in log-probabilities. Float32 throughout compares the arithmetic, not the storage.
const context = await model.createContext({contextSize: 512, threads: 1, sequences: 1, flashAttention: false,
    experimentalKvCacheKeyType: "F32", experimentalKvCacheValueType: "F32"});
const sequence = context.getSequence();

const result = [];
for (const prompt of request.prompts) {
    await sequence.clearHistory();
    const steps = [];
    const evaluation = sequence.evaluateWithMetadata(prompt, {probabilities: true},
        {temperature: 0, yieldEogToken: true});
    for await (const output of evaluation) {
        const top = topK(output.probabilities, request.k).map(([id, p]) => [id, Math.log(p)]);
        steps.push({token: output.token, top});
        if (steps.length >= request.steps) {
            break;
        }
    }
    result.push(steps);
}
process.stdout.write(JSON.stringify(result) + "\n");
await context.dispose();
await model.dispose();
await llama.dispose();
