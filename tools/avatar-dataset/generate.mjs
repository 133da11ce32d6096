#!/usr/bin/env node
/**
 * Command line entry: generates an avataaars face dataset in the CelebA layout.
 * Run `node generate.mjs --help` for the options.
 */
import { parseArgs } from 'node:util';
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { ATTRIBUTE_NAMES } from './lib/attributes.mjs';
import { PARTITION_NAMES, generateDataset } from './lib/dataset.mjs';

const USAGE = `Usage: node generate.mjs --out DIR [--count N] [--size PX] [--seed S]

Generates N avataaars faces with CelebA attribute labels into DIR, which must be new or empty.
The same seed and size always give byte-identical files, and the first N images of a
larger count are the same images.

  --out DIR     output directory (required)
  --count N     number of images (default 30000)
  --size PX     width and height of each PNG in pixels (default 128)
  --seed S      seed text (default 1)
  --help        print this help`;

const PROGRESS_INTERVAL = 1000;

/** Parses command line arguments into { count, size, seed, outDir }, or returns null for --help. */
export function parseArguments(argv) {
  const { values } = parseArgs({
    args: argv,
    options: {
      out: { type: 'string' },
      count: { type: 'string', default: '30000' },
      size: { type: 'string', default: '128' },
      seed: { type: 'string', default: '1' },
      help: { type: 'boolean', default: false },
    },
    strict: true,
  });
  if (values.help) {
    return null;
  }
  if (!values.out) {
    throw new Error('Missing --out DIR: pass the output directory');
  }
  if (values.seed === '') {
    throw new Error('Invalid --seed: the seed must not be empty');
  }
  return {
    count: parsePositiveInteger('--count', values.count, 999999),
    size: parsePositiveInteger('--size', values.size, 4096),
    seed: values.seed,
    outDir: resolve(values.out),
  };
}

function parsePositiveInteger(option, text, max) {
  if (!/^\d+$/.test(text) || Number(text) < 1 || Number(text) > max) {
    throw new Error(`Invalid ${option} ${JSON.stringify(text)}: expected an integer from 1 to ${max}`);
  }
  return Number(text);
}

function formatRates(positiveCounts, count) {
  return ATTRIBUTE_NAMES.map((name) => {
    const percent = ((100 * positiveCounts[name]) / count).toFixed(1);
    return `  ${name.padEnd(20)} ${String(positiveCounts[name]).padStart(7)}  ${percent.padStart(5)} %`;
  }).join('\n');
}

async function main() {
  let settings;
  try {
    settings = parseArguments(process.argv.slice(2));
  } catch (error) {
    console.error(`${error.message}\n\n${USAGE}`);
    process.exit(2);
  }
  if (settings === null) {
    console.log(USAGE);
    return;
  }

  const { count, size, seed, outDir } = settings;
  console.error(`Generating ${count} images of ${size} px with seed ${seed} into ${outDir}`);
  const startTime = process.hrtime.bigint();
  const elapsedSeconds = () => Number(process.hrtime.bigint() - startTime) / 1e9;
  const onProgress = (done, total) => {
    if (done % PROGRESS_INTERVAL === 0 || done === total) {
      const seconds = elapsedSeconds();
      console.error(`  ${done}/${total} images, ${seconds.toFixed(1)} s, ${(done / seconds).toFixed(0)} images/s`);
    }
  };
  const { positiveCounts, partitionCounts } = await generateDataset({ count, size, seed, outDir, onProgress });

  console.log(`Wrote ${count} images to ${outDir} in ${elapsedSeconds().toFixed(1)} s`);
  console.log(`Positive labels (count, percent):\n${formatRates(positiveCounts, count)}`);
  const partitions = PARTITION_NAMES.map((name, i) => `${name} ${partitionCounts[i]}`).join(', ');
  console.log(`Partitions: ${partitions}`);
}

if (import.meta.url === pathToFileURL(process.argv[1]).href) {
  try {
    await main();
  } catch (error) {
    console.error(`Generation failed: ${error.message}`);
    process.exit(1);
  }
}
