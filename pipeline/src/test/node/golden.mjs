// Records what @vladmandic/face-api's own networks say about its six sample photos, as golden
// files for the Java port (src/test/resources/face-goldens). Regenerate with:
//   cd pipeline/src/test/node && npm ci && npm run golden
// The WASM backend runs from node_modules (no downloads); the photos are decoded with jpeg-js.
// With PIXELS_DIR set, the decoded pixels are written there too (sampleN.rgb, never committed):
// the Java tests read them with -Dface-api.pixels=DIR to compare networks without decoder noise.
import fs from 'node:fs';
import path from 'node:path';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';

const require = createRequire(import.meta.url);
const tf = require('@tensorflow/tfjs');
const wasm = require('@tensorflow/tfjs-backend-wasm');
const faceapi = require('@vladmandic/face-api/dist/face-api.node-wasm.js');
const jpeg = require('jpeg-js');

const here = path.dirname(fileURLToPath(import.meta.url));
const pkg = path.dirname(require.resolve('@vladmandic/face-api/package.json'));
const out = path.resolve(here, '../resources/face-goldens');

const round = (v, digits = 3) => Number(v.toFixed(digits));
const rect = (b) => [b.x, b.y, b.width, b.height].map((v) => round(v));

function readRgb(file) {
  const { width, height, data } = jpeg.decode(fs.readFileSync(file), { useTArray: true, formatAsRGBA: false });
  if (process.env.PIXELS_DIR) {
    fs.mkdirSync(process.env.PIXELS_DIR, { recursive: true });
    fs.writeFileSync(path.join(process.env.PIXELS_DIR, path.basename(file, '.jpg') + '.rgb'), data);
  }
  return tf.tensor3d(data, [height, width, 3], 'int32');
}

// The crop the Java port uses too: the box clipped to the image and floored (face-api's
// extractFaceTensors); landmarks are shifted by that crop's corner, not the unfloored box's.
function cropBox(box, width, height) {
  return box.clipAtImageBorders(width, height);
}

async function faceRecord(image, detection) {
  const [height, width] = image.shape;
  const crop = cropBox(detection.box, width, height);
  const [face] = await faceapi.extractFaceTensors(image, [crop]);
  const local = await faceapi.nets.faceLandmark68Net.detectLandmarks(face);
  tf.dispose(face);
  const landmarks = local.shiftBy(crop.x, crop.y);
  const aligned = landmarks.align(null, { useDlibAlignment: true }).clipAtImageBorders(width, height);
  const [alignedFace] = await faceapi.extractFaceTensors(image, [aligned]);
  const descriptor = await faceapi.nets.faceRecognitionNet.computeFaceDescriptor(alignedFace);
  tf.dispose(alignedFace);
  return {
    score: round(detection.score, 5),
    box: rect(detection.box),
    crop: rect(crop),
    landmarks: landmarks.positions.map((p) => [round(p.x), round(p.y)]),
    alignedBox: rect(aligned),
    descriptor: Array.from(descriptor, (v) => round(v, 6)),
  };
}

async function main() {
  wasm.setWasmPaths(path.dirname(require.resolve('@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm.wasm')) + '/');
  await tf.setBackend('wasm');
  await tf.ready();
  const models = path.join(pkg, 'model');
  await faceapi.nets.ssdMobilenetv1.loadFromDisk(models);
  await faceapi.nets.faceLandmark68Net.loadFromDisk(models);
  await faceapi.nets.faceRecognitionNet.loadFromDisk(models);
  fs.mkdirSync(out, { recursive: true });
  for (let n = 1; n <= 6; n++) {
    const name = `sample${n}.jpg`;
    const image = readRgb(path.join(pkg, 'demo', name));
    const started = performance.now();
    const detections = await faceapi.nets.ssdMobilenetv1.locateFaces(image, new faceapi.SsdMobilenetv1Options());
    const faces = [];
    for (const detection of detections) faces.push(await faceRecord(image, detection));
    const [height, width] = image.shape;
    tf.dispose(image);
    const golden = {
      image: name, width, height, backend: tf.getBackend(), tfjs: tf.version_core, faceApi: faceapi.version, faces,
    };
    fs.writeFileSync(path.join(out, `sample${n}.json`), `${JSON.stringify(golden)}\n`);
    console.log(`${name}: ${faces.length} faces in ${Math.round(performance.now() - started)} ms`);
  }
}

main();
