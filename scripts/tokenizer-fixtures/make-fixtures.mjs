// Tokenizes the paper's prompts (written by PaperPromptCases) with transformers.js's tokenizers, an implementation
// this project did not write, and writes the golden token ids the real-vocabulary tests compare against.
//
//   node make-fixtures.mjs CASES.json TOKENIZERS_DIR OUT.json
//
// For every vocabulary and prompt it records: the prompt's ids without special tokens; with them (what the
// tokenizer's template adds: tokenizer(text)); and for each option the paper's tokens (the option encoded on its
// own, no special tokens: make_LM_batch) and lm-evaluation-harness's joint split (context without trailing spaces,
// joined text, tokens after the context's own). Plus a decoding case for clean_up_tokenization_spaces.
import { readFileSync, writeFileSync } from "node:fs";
import { TokenizerLoader } from "@lenml/tokenizers";

const [casesFile, tokenizersDir, outFile] = process.argv.slice(2);
const cases = JSON.parse(readFileSync(casesFile, "utf8"));
const CLEANUP_TEXT = "The answer is 8 . It 's done , isn't it ? Yes !";

const out = {};
for (const [folder, prompts] of Object.entries(cases)) {
  const tokenizer = TokenizerLoader.fromPreTrained({
    tokenizerJSON: JSON.parse(readFileSync(`${tokenizersDir}/${folder}/tokenizer.json`, "utf8")),
    tokenizerConfig: JSON.parse(readFileSync(`${tokenizersDir}/${folder}/tokenizer_config.json`, "utf8")),
  });
  const plain = (text) => tokenizer.encode(text, { add_special_tokens: false });
  const entries = prompts.map(({ format, prompt, options }) => {
    const context = prompt.replace(/\s+$/, "");
    const ownContext = plain(context);
    return {
      format,
      prompt,
      promptIds: plain(prompt),
      promptIdsWithTemplate: tokenizer.encode(prompt),
      options: (options ?? []).map((option) => ({
        option,
        authorsIds: plain(option),
        jointIds: plain(prompt + " " + option).slice(ownContext.length),
      })),
    };
  });
  const cleanupIds = plain(CLEANUP_TEXT);
  out[folder] = {
    bosTokenId: tokenizer.bos_token_id ?? null,
    cleanUp: {
      ids: cleanupIds,
      text: tokenizer.decode(cleanupIds, { skip_special_tokens: true }),
    },
    prompts: entries,
  };
}
writeFileSync(outFile, JSON.stringify(out, null, 1) + "\n");
