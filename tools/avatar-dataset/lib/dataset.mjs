/**
 * Dataset writer for the CelebA layout: img/000001.png ..., list_attr_celeba.txt and
 * list_eval_partition.txt, plus list_attr_soft.txt and NOTICE.
 */
import { mkdirSync, readdirSync, writeFileSync, existsSync } from 'node:fs';
import { join } from 'node:path';
import { createAvatar } from '@dicebear/core';
import { avataaars } from '@dicebear/collection';
import { renderAsync } from '@resvg/resvg-js';
import {
  ATTRIBUTE_NAMES,
  SOFT_ATTRIBUTE_NAMES,
  checkLabels,
  labelsFromPlan,
  sampleFace,
  softScoresFromDrawn,
  toDiceBearOptions,
} from './attributes.mjs';
import { createRandom } from './random.mjs';

export const PARTITION_NAMES = ['train', 'validation', 'test'];
const TRAIN_FRACTION = 0.8;
const VALIDATION_FRACTION = 0.1;
const SOFT_SCORE_DIGITS = 4;

// The avataaars art has no <text>, so system fonts are not loaded. Loading them for every
// image made rendering 3.7 times slower (Node 20, 2-core Linux VM with 131 fonts), and
// would tie the output to the installed fonts.
const RENDER_OPTIONS = { font: { loadSystemFonts: false } };

/** Returns the CelebA file name of image `index` (1-based), e.g. 000042.png. */
export function imageName(index) {
  return `${String(index).padStart(6, '0')}.png`;
}

/**
 * Renders image `index` of `seed` at `size` pixels and checks its labels.
 * Resolves to the PNG bytes, the binary labels and the soft scores.
 *
 * NOTE: this uses resvg-js's renderAsync because, in 2.6.2, the synchronous
 * `new Resvg(svg).render()` keeps about 95 KB of native memory per 128 px image even after
 * garbage collection (3 GB resident for 30,000 images), while renderAsync stays flat.
 */
export async function renderFace(seed, index, size) {
  const face = sampleFace(seed, index);
  const { svg, extra } = createAvatar(avataaars, toDiceBearOptions(face, seed, index)).toJson();
  checkLabels(imageName(index), face, extra);
  const image = await renderAsync(svg, { ...RENDER_OPTIONS, fitTo: { mode: 'width', value: size } });
  return { png: image.asPng(), labels: labelsFromPlan(face), softScores: softScoresFromDrawn(extra) };
}

/**
 * Assigns each image to train (0), validation (1) or test (2). The images are shuffled with
 * a generator seeded by `seed`, then the first 80 % go to train and the next 10 % to
 * validation. Returns an array whose element i is the partition of image i + 1.
 */
export function assignPartitions(count, seed) {
  const random = createRandom(`partition:${seed}`);
  const order = Array.from({ length: count }, (_, i) => i);
  for (let i = count - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [order[i], order[j]] = [order[j], order[i]];
  }
  const trainCount = Math.round(count * TRAIN_FRACTION);
  const validationCount = Math.round(count * VALIDATION_FRACTION);
  const partitions = new Array(count);
  order.forEach((imageOffset, position) => {
    if (position < trainCount) {
      partitions[imageOffset] = 0;
    } else if (position < trainCount + validationCount) {
      partitions[imageOffset] = 1;
    } else {
      partitions[imageOffset] = 2;
    }
  });
  return partitions;
}

/**
 * Generates `count` images of `size` pixels for `seed` into `outDir`, which must be
 * missing or empty. Calls `onProgress(done, count)` after each image. Resolves to the
 * number of positive labels per attribute and of images per partition.
 */
export async function generateDataset({ count, size, seed, outDir, onProgress = () => {} }) {
  if (existsSync(outDir) && readdirSync(outDir).length > 0) {
    throw new Error(`Output directory ${outDir} is not empty: pass a new or empty directory`);
  }
  const imageDir = join(outDir, 'img');
  mkdirSync(imageDir, { recursive: true });

  const attributeRows = [];
  const softRows = [];
  const positiveCounts = Object.fromEntries(ATTRIBUTE_NAMES.map((name) => [name, 0]));
  for (let index = 1; index <= count; index++) {
    const name = imageName(index);
    const { png, labels, softScores } = await renderFace(seed, index, size);
    writeFileSync(join(imageDir, name), png);

    const signs = ATTRIBUTE_NAMES.map((attribute) => labels[attribute]);
    attributeRows.push(`${name} ${signs.join(' ')}`);
    const scores = SOFT_ATTRIBUTE_NAMES.map((attribute) => softScores[attribute].toFixed(SOFT_SCORE_DIGITS));
    softRows.push(`${name} ${scores.join(' ')}`);
    for (const attribute of ATTRIBUTE_NAMES) {
      if (labels[attribute] === 1) {
        positiveCounts[attribute] += 1;
      }
    }
    onProgress(index, count);
  }

  writeList(join(outDir, 'list_attr_celeba.txt'), [String(count), ATTRIBUTE_NAMES.join(' '), ...attributeRows]);
  writeList(join(outDir, 'list_attr_soft.txt'), [String(count), SOFT_ATTRIBUTE_NAMES.join(' '), ...softRows]);

  const partitions = assignPartitions(count, seed);
  const partitionCounts = [0, 0, 0];
  const partitionRows = partitions.map((partition, offset) => {
    partitionCounts[partition] += 1;
    return `${imageName(offset + 1)} ${partition}`;
  });
  writeList(join(outDir, 'list_eval_partition.txt'), partitionRows);

  writeFileSync(join(outDir, 'NOTICE'), noticeText({ count, size, seed }));
  return { positiveCounts, partitionCounts };
}

function writeList(path, lines) {
  writeFileSync(path, `${lines.join('\n')}\n`);
}

function noticeText({ count, size, seed }) {
  return `Avataaars face dataset

${count} images of ${size} x ${size} pixels, generated with seed ${seed} by the LatentNav
avatar dataset generator (tools/avatar-dataset in the LatentNav repository). The faces and
their attribute labels are synthetic: no image shows or was taken from a real person.

Artwork: "Avataaars" by Pablo Stanley (https://avataaars.com/). The designer's licence
terms: free for personal and commercial use.

Rendering: DiceBear (@dicebear/core and @dicebear/collection 9.4.3), by Florian Körner
and contributors, MIT licence (https://github.com/dicebear/dicebear).
SVG to PNG conversion: resvg-js (@resvg/resvg-js 2.6.2), MPL-2.0 licence.

A copy of this dataset, or a model trained on it, should keep this notice.
`;
}
