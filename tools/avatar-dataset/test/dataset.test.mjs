import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createAvatar } from '@dicebear/core';
import { avataaars } from '@dicebear/collection';
import {
  ATTRIBUTE_NAMES,
  SMILE_ORDER,
  SOFT_ATTRIBUTE_NAMES,
  checkLabels,
  labelsFromPlan,
  sampleFace,
  toDiceBearOptions,
} from '../lib/attributes.mjs';
import { assignPartitions, generateDataset } from '../lib/dataset.mjs';
import { parseArguments } from '../generate.mjs';

const TEST_SIZE = 32;
const LIST_FILES = ['list_attr_celeba.txt', 'list_attr_soft.txt', 'list_eval_partition.txt', 'NOTICE'];

async function generateInto(options) {
  const outDir = mkdtempSync(join(tmpdir(), 'avatar-dataset-test-'));
  await generateDataset({ size: TEST_SIZE, outDir, ...options });
  return outDir;
}

function readLines(dir, file) {
  return readFileSync(join(dir, file), 'utf8').trimEnd().split('\n');
}

function drawnExtra(face, seed, index) {
  return createAvatar(avataaars, toDiceBearOptions(face, seed, index)).toJson().extra;
}

test('same seed gives identical files', async (t) => {
  const first = await generateInto({ count: 12, seed: '7' });
  const second = await generateInto({ count: 12, seed: '7' });
  t.after(() => {
    rmSync(first, { recursive: true });
    rmSync(second, { recursive: true });
  });
  const images = readdirSync(join(first, 'img'));
  assert.equal(images.length, 12);
  for (const name of images) {
    assert.deepEqual(readFileSync(join(first, 'img', name)), readFileSync(join(second, 'img', name)), name);
  }
  for (const file of LIST_FILES) {
    assert.equal(readFileSync(join(first, file), 'utf8'), readFileSync(join(second, file), 'utf8'), file);
  }
});

test('larger count keeps first images', async (t) => {
  const small = await generateInto({ count: 5, seed: '3' });
  const large = await generateInto({ count: 12, seed: '3' });
  t.after(() => {
    rmSync(small, { recursive: true });
    rmSync(large, { recursive: true });
  });
  for (const name of readdirSync(join(small, 'img'))) {
    assert.deepEqual(readFileSync(join(small, 'img', name)), readFileSync(join(large, 'img', name)), name);
  }
  assert.deepEqual(readLines(small, 'list_attr_celeba.txt').slice(2), readLines(large, 'list_attr_celeba.txt').slice(2, 7));
});

test('different seed changes images', async (t) => {
  const first = await generateInto({ count: 3, seed: 'a' });
  const second = await generateInto({ count: 3, seed: 'b' });
  t.after(() => {
    rmSync(first, { recursive: true });
    rmSync(second, { recursive: true });
  });
  const firstImage = readFileSync(join(first, 'img', '000001.png'));
  const secondImage = readFileSync(join(second, 'img', '000001.png'));
  assert.notDeepEqual(firstImage, secondImage);
});

test('lists follow CelebA layout', async (t) => {
  const dir = await generateInto({ count: 20, seed: '1' });
  t.after(() => rmSync(dir, { recursive: true }));

  const attributeLines = readLines(dir, 'list_attr_celeba.txt');
  assert.equal(attributeLines[0], '20');
  assert.equal(attributeLines[1], ATTRIBUTE_NAMES.join(' '));
  assert.equal(attributeLines.length, 22);
  attributeLines.slice(2).forEach((line, offset) => {
    const [name, ...values] = line.split(' ');
    assert.equal(name, `${String(offset + 1).padStart(6, '0')}.png`);
    assert.equal(values.length, ATTRIBUTE_NAMES.length, line);
    assert.ok(values.every((value) => value === '1' || value === '-1'), line);
  });

  const softLines = readLines(dir, 'list_attr_soft.txt');
  assert.equal(softLines[0], '20');
  assert.equal(softLines[1], SOFT_ATTRIBUTE_NAMES.join(' '));
  for (const line of softLines.slice(2)) {
    const scores = line.split(' ').slice(1).map(Number);
    assert.equal(scores.length, SOFT_ATTRIBUTE_NAMES.length, line);
    assert.ok(scores.every((score) => score >= 0 && score <= 1), line);
  }

  const partitionLines = readLines(dir, 'list_eval_partition.txt');
  assert.equal(partitionLines.length, 20);
  assert.equal(partitionLines[0].split(' ')[0], '000001.png');
  const partitions = partitionLines.map((line) => Number(line.split(' ')[1]));
  assert.equal(partitions.filter((p) => p === 0).length, 16);
  assert.equal(partitions.filter((p) => p === 1).length, 2);
  assert.equal(partitions.filter((p) => p === 2).length, 2);

  assert.match(readFileSync(join(dir, 'NOTICE'), 'utf8'), /Pablo Stanley/);
  assert.equal(readdirSync(join(dir, 'img')).length, 20);
});

test('partitions split 80/10/10', () => {
  const partitions = assignPartitions(30000, '1');
  assert.equal(partitions.filter((p) => p === 0).length, 24000);
  assert.equal(partitions.filter((p) => p === 1).length, 3000);
  assert.equal(partitions.filter((p) => p === 2).length, 3000);
  assert.notDeepEqual(partitions.slice(0, 100), new Array(100).fill(0), 'partitions are not contiguous');
});

test('non-empty output directory is rejected', async (t) => {
  const dir = mkdtempSync(join(tmpdir(), 'avatar-dataset-test-'));
  t.after(() => rmSync(dir, { recursive: true }));
  writeFileSync(join(dir, 'stale.txt'), 'x');
  await assert.rejects(generateDataset({ count: 1, size: TEST_SIZE, seed: '1', outDir: dir }), /not empty/);
});

test('checkLabels rejects mismatched mouth', () => {
  let index = 1;
  while (!sampleFace('1', index).smiling) {
    index += 1;
  }
  const face = sampleFace('1', index);
  const extra = drawnExtra(face, '1', index);
  assert.doesNotThrow(() => checkLabels('x.png', face, extra));
  assert.throws(() => checkLabels('x.png', face, { ...extra, mouth: 'serious' }), /Label mismatch in x\.png: Smiling/);
});

test('checkLabels rejects missing hair', () => {
  let index = 1;
  while (sampleFace('1', index).head !== 'hair') {
    index += 1;
  }
  const face = sampleFace('1', index);
  const extra = drawnExtra(face, '1', index);
  assert.throws(() => checkLabels('x.png', face, { ...extra, top: undefined }), /Label mismatch in x\.png: Bald/);
});

test('checkLabels rejects beard on female', () => {
  let index = 1;
  while (sampleFace('1', index).male) {
    index += 1;
  }
  const face = sampleFace('1', index);
  const extra = drawnExtra(face, '1', index);
  assert.throws(() => checkLabels('x.png', face, { ...extra, facialHair: 'moustacheFancy' }), /Label mismatch/);
});

test('sampled attributes are balanced', () => {
  const count = 5000;
  const positives = Object.fromEntries(ATTRIBUTE_NAMES.map((name) => [name, 0]));
  for (let index = 1; index <= count; index++) {
    const labels = labelsFromPlan(sampleFace('1', index));
    for (const name of ATTRIBUTE_NAMES) {
      positives[name] += labels[name] === 1 ? 1 : 0;
    }
  }
  for (const name of ATTRIBUTE_NAMES) {
    const rate = positives[name] / count;
    // No_Beard is positive for every woman and is therefore the one majority attribute.
    const [min, max] = name === 'No_Beard' ? [0.6, 0.9] : [0.12, 0.6];
    assert.ok(rate >= min && rate <= max, `${name} rate ${rate.toFixed(3)} outside [${min}, ${max}]`);
  }
});

test('hair colour labels are exclusive', () => {
  const hairColorNames = ['Black_Hair', 'Blond_Hair', 'Brown_Hair', 'Gray_Hair'];
  for (let index = 1; index <= 2000; index++) {
    const labels = labelsFromPlan(sampleFace('1', index));
    const colorCount = hairColorNames.filter((name) => labels[name] === 1).length;
    const covered = labels.Bald === 1 || labels.Wearing_Hat === 1;
    assert.equal(colorCount, covered ? 0 : 1, `image ${index}`);
  }
});

test('smile soft score orders mouths', () => {
  const threshold = SMILE_ORDER.indexOf('default') / (SMILE_ORDER.length - 1);
  for (let index = 1; index <= 300; index++) {
    const face = sampleFace('1', index);
    const score = SMILE_ORDER.indexOf(face.mouth) / (SMILE_ORDER.length - 1);
    assert.equal(score >= threshold, face.smiling, `image ${index} mouth ${face.mouth}`);
  }
});

test('parseArguments applies defaults', () => {
  const settings = parseArguments(['--out', 'data']);
  assert.equal(settings.count, 30000);
  assert.equal(settings.size, 128);
  assert.equal(settings.seed, '1');
  assert.ok(settings.outDir.endsWith('data'));
});

test('parseArguments rejects invalid values', () => {
  assert.throws(() => parseArguments([]), /Missing --out/);
  assert.throws(() => parseArguments(['--out', 'd', '--count', '0']), /Invalid --count "0"/);
  assert.throws(() => parseArguments(['--out', 'd', '--size', '12.5']), /Invalid --size "12.5"/);
  assert.throws(() => parseArguments(['--out', 'd', '--seed', '']), /Invalid --seed/);
  assert.throws(() => parseArguments(['--out', 'd', '--colour', 'red']), /Unknown option/);
  assert.equal(parseArguments(['--help']), null);
});
