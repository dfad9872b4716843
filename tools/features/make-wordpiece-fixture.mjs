// Writes the reference token ids used by the C# WordPiece tokenizer test
// (tests/HEPrune.Core.Tests/Features/Fixtures/wordpiece_reference.json). Run once; see README.md in this folder.
//   mkdir -p /tmp/tok && cd /tmp/tok && npm install @huggingface/tokenizers@0.2.0
//   node tools/features/make-wordpiece-fixture.mjs /tmp/tok/node_modules tests/HEPrune.Core.Tests/Features/Fixtures/wordpiece_reference.json
// The tokenizer is Hugging Face's own JavaScript implementation of tokenizer.json, configured like MPNet's:
// BertNormalizer (clean text, CJK padding, lower case, accents stripped because strip_accents is unset), BertPreTokenizer,
// WordPiece ([UNK], "##", 100 chars per word) and the template "<s> $A </s>"; only the vocabulary is small.
import fs from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';

const nm = path.resolve(process.argv[2]);
const out = process.argv[3];
const pkg = JSON.parse(fs.readFileSync(path.join(nm, '@huggingface/tokenizers/package.json'), 'utf8'));
const { Tokenizer } = await import(pathToFileURL(path.join(nm, '@huggingface/tokenizers/dist/tokenizers.mjs')).href);

// MPNet's layout: <s> <pad> </s> <unk> first, then BERT-style entries; [UNK] is the WordPiece unknown token.
const vocab = ['<s>', '<pad>', '</s>', '<unk>', '[PAD]', '[UNK]',
  'play', 'some', 'jazz', '##z', 'ja', 'please', 'book', 'a', '##a', 'table', 'at', 'the', 'cafe', 'caf', '##e',
  'un', '##aff', '##able', '!', ',', '.', "'", '?', '-', '$', '@', '(', ')', 's', 'don', 't', 'what', 'weather', 'in',
  'paris', 'resume', 'naive', '你', '好', 'i', 'want', 'to', 'listen', '##ing', 'rate', '4', '5', '##5', 'stars',
  'hello', 'world', 'home', 'test', '"', '<mask>'];
const special = ['<s>', '<pad>', '</s>', '<unk>', '[UNK]', '<mask>'];
const tokenizerJson = {
  version: '1.0', truncation: null, padding: null,
  added_tokens: special.map(t => ({ id: vocab.indexOf(t), content: t, single_word: false, lstrip: false, rstrip: false, normalized: false, special: true })),
  normalizer: { type: 'BertNormalizer', clean_text: true, handle_chinese_chars: true, strip_accents: null, lowercase: true },
  pre_tokenizer: { type: 'BertPreTokenizer' },
  post_processor: {
    type: 'TemplateProcessing',
    single: [{ SpecialToken: { id: '<s>', type_id: 0 } }, { Sequence: { id: 'A', type_id: 0 } }, { SpecialToken: { id: '</s>', type_id: 0 } }],
    pair: [{ SpecialToken: { id: '<s>', type_id: 0 } }, { Sequence: { id: 'A', type_id: 0 } }, { SpecialToken: { id: '</s>', type_id: 0 } },
      { SpecialToken: { id: '</s>', type_id: 0 } }, { Sequence: { id: 'B', type_id: 0 } }, { SpecialToken: { id: '</s>', type_id: 0 } }],
    special_tokens: {
      '<s>': { id: '<s>', ids: [0], tokens: ['<s>'] },
      '</s>': { id: '</s>', ids: [2], tokens: ['</s>'] },
    },
  },
  decoder: { type: 'WordPiece', prefix: '##', cleanup: true },
  model: { type: 'WordPiece', unk_token: '[UNK]', continuing_subword_prefix: '##', max_input_chars_per_word: 100,
    vocab: Object.fromEntries(vocab.map((t, i) => [t, i])) },
};
const tokenizerConfig = { do_lower_case: true, model_max_length: 512, cls_token: '<s>', sep_token: '</s>', pad_token: '<pad>', unk_token: '[UNK]' };
const tok = new Tokenizer(tokenizerJson, tokenizerConfig);

const texts = [
  'Play some Jazz, please!',
  'Book a table at the Café',
  'unaffable',
  'jazzz',
  'xylophone',
  'playx jazz',
  'Résumé naïve ÀÉÎÕÜ',
  '你好 world',
  "what's the weather in Paris?",
  '',
  '   \t\n  ',
  'a'.repeat(100),
  'a'.repeat(101) + ' play',
  'play\u0000 jazz\u200b some\u00ad',
  'rate 4.5 stars',
  '\u{1F600} hello',
  'play\u00a0jazz\u3000please',
  'play\u2028jazz',
  'HELLO World',
  "don't",
  '$5 @home (test) "jazz"',
  'i want to listen to some jazz at home please , i want to listen to the jazz at the cafe in paris',
  'listening \u2014 caf\u0301e \u2019s',
];
const cases = texts.map(text => {
  const e = tok.encode(text);
  return { text, ids: e.ids.map(Number), tokens: e.tokens };
});
const doc = {
  generator: 'tools/features/make-wordpiece-fixture.mjs',
  reference: `@huggingface/tokenizers ${pkg.version} (Node ${process.version})`,
  tokenizer_json: { normalizer: tokenizerJson.normalizer, pre_tokenizer: tokenizerJson.pre_tokenizer, model: { ...tokenizerJson.model, vocab: undefined } },
  vocab,
  cases,
};
fs.writeFileSync(out, JSON.stringify(doc, null, 1) + '\n');
console.log(cases.map(c => `${JSON.stringify(c.text)} -> ${c.tokens.join(' ')}`).join('\n'));
