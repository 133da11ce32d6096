/**
 * Attribute sampling for avataaars faces and the labels derived from them.
 *
 * Each image gets a plan: every visible part is sampled here and then pinned in the DiceBear
 * options (one-element arrays, probabilities of 0 or 100), so the drawing does not depend on
 * DiceBear's own random choices. Labels are computed twice, from the plan and from what
 * DiceBear reports it drew, and `checkLabels` throws on any disagreement.
 *
 * Option names and values are those of @dicebear/avataaars 9.4.3.
 */
import { avataaars } from '@dicebear/collection';
import { chance, createRandom, pickUniform, pickWeighted } from './random.mjs';

/** Binary attribute columns, in alphabetical order as in CelebA's list_attr_celeba.txt. */
export const ATTRIBUTE_NAMES = [
  'Bald',
  'Black_Hair',
  'Blond_Hair',
  'Brown_Hair',
  'Eyeglasses',
  'Gray_Hair',
  'Male',
  'Mouth_Slightly_Open',
  'Mustache',
  'No_Beard',
  'Pale_Skin',
  'Smiling',
  'Wearing_Hat',
];

/** Soft score columns of list_attr_soft.txt, each in [0, 1]. */
export const SOFT_ATTRIBUTE_NAMES = ['No_Beard', 'Pale_Skin', 'Smiling'];

// Zoom onto the face. DiceBear's translateY is a percentage of the 280-unit view box height.
// With translateY 8 the crown of the `hat` top and of tall hair is cut off, so 12 is used.
export const FACE_SCALE = 130;
export const FACE_TRANSLATE_Y = 12;

// ---- What each drawn part means (used to label what DiceBear reports) ----

const HAT_TOPS = ['hat', 'winterHat1', 'winterHat02', 'winterHat03', 'winterHat04'];

// Hair styles that are sampled. Left out: `sides` (hair only above the ears, reads as bald),
// `bigHair` and `shavedSides` (a translucent layer turns black hair grey at the crown), and
// the head coverings `hijab` and `turban` (neither hair nor a hat in CelebA's sense).
const SHORT_HAIR_TOPS = [
  'dreads01',
  'dreads02',
  'frizzle',
  'shaggy',
  'shaggyMullet',
  'shortCurly',
  'shortFlat',
  'shortRound',
  'shortWaved',
  'theCaesar',
  'theCaesarAndSidePart',
];
const LONG_HAIR_TOPS = [
  'bob',
  'bun',
  'curly',
  'curvy',
  'dreads',
  'frida',
  'fro',
  'froBand',
  'longButNotTooLong',
  'miaWallace',
  'straight01',
  'straight02',
  'straightAndStrand',
];
const HAIR_TOPS = [...SHORT_HAIR_TOPS, ...LONG_HAIR_TOPS];

// Hair colours by label, chosen to stay apart at 64 px. DiceBear's a55728 (auburn) and
// b58143 (caramel) sit between brown, red and blond, so they are left out. Its ecdcbf
// (platinum) is left out too, because it is close to the grey e8e1e1.
const HAIR_COLORS = {
  Black_Hair: ['151515', '2c1b18'],
  Brown_Hair: ['5e3a28', '724133', '8a5a3b'],
  Blond_Hair: ['d6b370', 'e8c872', 'f0dc9a'],
  Gray_Hair: ['a8a8a8', 'e8e1e1'],
};
const HAIR_COLOR_NAMES = Object.keys(HAIR_COLORS);

const BEARDS = ['beardLight', 'beardMedium', 'beardMajestic'];
const MUSTACHES = ['moustacheFancy', 'moustacheMagnum'];

// Prescription and tinted glasses (kurt, sunglasses, and wayfarers with dark lenses) all count
// as Eyeglasses, because CelebA has no sunglasses column. `eyepatch` is never drawn.
const GLASSES = ['prescription01', 'prescription02', 'round', 'wayfarers', 'kurt', 'sunglasses'];

const SMILING_MOUTHS = ['default', 'smile', 'tongue', 'twinkle'];
const OPEN_MOUTHS = ['disbelief', 'grimace', 'screamOpen', 'smile', 'tongue', 'vomit'];

/** Mouths from least to most smiling, the order behind the Smiling soft score. */
export const SMILE_ORDER = [
  'sad',
  'vomit',
  'screamOpen',
  'concerned',
  'grimace',
  'disbelief',
  'serious',
  'eating',
  'default',
  'tongue',
  'twinkle',
  'smile',
];

// Skin colours from dark to light, the order behind the Pale_Skin soft score. DiceBear's
// cartoon orange fd9841 and yellow f8d25c are never drawn.
const SKIN_ORDER = ['614335', 'ae5d29', 'd08b5b', 'edb98a', 'ffdbb4'];
const PALE_SKIN = 'ffdbb4';

// Facial hair from most to least beard, the order behind the No_Beard soft score.
// A moustache alone scores like a shaven face.
const BEARD_ORDER = ['beardMajestic', 'beardMedium', 'beardLight'];

// ---- Sampling tables ----

const MALE_PROBABILITY = 0.5;
const HEAD_WEIGHTS = {
  male: { bald: 0.22, hat: 0.18, hair: 0.6 },
  female: { bald: 0.06, hat: 0.22, hair: 0.72 },
};
// Probability that a hair style comes from the other sex's usual set.
const CROSS_SEX_STYLE_PROBABILITY = 0.15;
const HAIR_COLOR_WEIGHTS = { Black_Hair: 0.26, Brown_Hair: 0.26, Blond_Hair: 0.26, Gray_Hair: 0.22 };
const MALE_FACIAL_HAIR_WEIGHTS = { beard: 0.45, mustache: 0.3, none: 0.25 };

// Thicker "natural" eyebrows for men and thin ones for women, swapped with
// CROSS_SEX_STYLE_PROBABILITY. `unibrowNatural` is drawn in light grey and is left out.
const MALE_EYEBROWS = [
  'angryNatural',
  'defaultNatural',
  'flatNatural',
  'frownNatural',
  'raisedExcitedNatural',
  'sadConcernedNatural',
  'upDownNatural',
];
const FEMALE_EYEBROWS = ['angry', 'default', 'raisedExcited', 'sadConcerned', 'upDown'];

// Smiling and an open mouth are sampled independently, then a mouth from the matching cell.
// Left out: `grimace`, whose clenched teeth pass for a grin at 64 px, and `vomit`, a green
// stream that dominates the face.
const SMILING_PROBABILITY = 0.5;
const MOUTH_OPEN_PROBABILITY = 0.45;
const MOUTH_CELLS = {
  smilingOpen: ['smile', 'tongue'],
  smilingClosed: ['default', 'twinkle'],
  notSmilingOpen: ['disbelief', 'screamOpen'],
  notSmilingClosed: ['concerned', 'eating', 'sad', 'serious'],
};

// Eyes that look like ordinary open or closed human eyes (no hearts, crosses or tears).
const EYES = ['closed', 'default', 'happy', 'side', 'squint', 'surprised', 'wink'];

const EYEGLASSES_PROBABILITY = 0.3;
// Dark or saturated frame colours, so that thin frames show at 64 px.
const GLASSES_COLORS = ['262e33', '25557c', '3c4f5c', '5199e4', 'ff488e', 'ff5c5c', '2e7d32', '6a1b9a'];
// Hat colours far from every blond and grey hair colour.
const HAT_COLORS = ['262e33', '25557c', '5199e4', '3c4f5c', 'ff488e', 'ff5c5c', '2e7d32', '6a1b9a'];

const PALE_SKIN_PROBABILITY = 0.3;
const NON_PALE_SKINS = SKIN_ORDER.filter((color) => color !== PALE_SKIN);

// Light backgrounds that differ from every skin and hair colour.
const BACKGROUND_COLORS = ['b6e3f4', 'c0aede', 'd1d4f9', 'ffd5dc', 'c1f0d4'];

const CLOTHING = avataaars.schema.properties.clothing.default;
const CLOTHES_COLORS = avataaars.schema.properties.clothesColor.default;
const CLOTHING_GRAPHICS = avataaars.schema.properties.clothingGraphic.default;

/**
 * Samples the face of image `index` (1-based) for `seed`. The plan depends only on
 * seed and index, so the first N images are the same for every count of at least N.
 */
export function sampleFace(seed, index) {
  const random = createRandom(`avatar:${seed}:${index}`);
  const male = chance(random, MALE_PROBABILITY);
  const sex = male ? 'male' : 'female';

  const head = pickWeighted(random, HEAD_WEIGHTS[sex]);
  let top = null;
  if (head === 'hat') {
    top = pickUniform(random, HAT_TOPS);
  } else if (head === 'hair') {
    const usualStyles = male ? SHORT_HAIR_TOPS : LONG_HAIR_TOPS;
    const otherStyles = male ? LONG_HAIR_TOPS : SHORT_HAIR_TOPS;
    top = pickUniform(random, chance(random, CROSS_SEX_STYLE_PROBABILITY) ? otherStyles : usualStyles);
  }

  // A colour is sampled for every head, because a beard takes the hair colour,
  // but only visible hair gets a hair colour label.
  const hairColorName = pickWeighted(random, HAIR_COLOR_WEIGHTS);
  const hairColor = pickUniform(random, HAIR_COLORS[hairColorName]);

  const facialHairKind = male ? pickWeighted(random, MALE_FACIAL_HAIR_WEIGHTS) : 'none';
  let facialHair = null;
  if (facialHairKind === 'beard') {
    facialHair = pickUniform(random, BEARDS);
  } else if (facialHairKind === 'mustache') {
    facialHair = pickUniform(random, MUSTACHES);
  }

  const usualEyebrows = male ? MALE_EYEBROWS : FEMALE_EYEBROWS;
  const otherEyebrows = male ? FEMALE_EYEBROWS : MALE_EYEBROWS;
  const eyebrows = pickUniform(random, chance(random, CROSS_SEX_STYLE_PROBABILITY) ? otherEyebrows : usualEyebrows);

  const smiling = chance(random, SMILING_PROBABILITY);
  const mouthOpen = chance(random, MOUTH_OPEN_PROBABILITY);
  const mouthCell = `${smiling ? 'smiling' : 'notSmiling'}${mouthOpen ? 'Open' : 'Closed'}`;
  const mouth = pickUniform(random, MOUTH_CELLS[mouthCell]);

  const eyeglasses = chance(random, EYEGLASSES_PROBABILITY);
  const pale = chance(random, PALE_SKIN_PROBABILITY);

  return {
    male,
    head,
    top,
    hairColorName,
    hairColor,
    hatColor: pickUniform(random, HAT_COLORS),
    facialHairKind,
    facialHair,
    eyebrows,
    smiling,
    mouthOpen,
    mouth,
    eyes: pickUniform(random, EYES),
    eyeglasses,
    accessories: eyeglasses ? pickUniform(random, GLASSES) : null,
    accessoriesColor: pickUniform(random, GLASSES_COLORS),
    pale,
    skinColor: pale ? PALE_SKIN : pickUniform(random, NON_PALE_SKINS),
    clothing: pickUniform(random, CLOTHING),
    clothesColor: pickUniform(random, CLOTHES_COLORS),
    clothingGraphic: pickUniform(random, CLOTHING_GRAPHICS),
    backgroundColor: pickUniform(random, BACKGROUND_COLORS),
  };
}

/**
 * Builds DiceBear options that pin every part of `face`. An absent optional part gets
 * probability 0 and a placeholder value, since DiceBear still picks a value for it.
 */
export function toDiceBearOptions(face, seed, index) {
  return {
    seed: `${seed}:${index}`,
    scale: FACE_SCALE,
    translateY: FACE_TRANSLATE_Y,
    style: ['default'],
    backgroundType: ['solid'],
    backgroundColor: [face.backgroundColor],
    top: [face.top ?? HAIR_TOPS[0]],
    topProbability: face.top ? 100 : 0,
    hairColor: [face.hairColor],
    hatColor: [face.hatColor],
    facialHair: [face.facialHair ?? BEARDS[0]],
    facialHairProbability: face.facialHair ? 100 : 0,
    facialHairColor: [face.hairColor],
    accessories: [face.accessories ?? GLASSES[0]],
    accessoriesProbability: face.accessories ? 100 : 0,
    accessoriesColor: [face.accessoriesColor],
    mouth: [face.mouth],
    eyes: [face.eyes],
    eyebrows: [face.eyebrows],
    skinColor: [face.skinColor],
    clothing: [face.clothing],
    clothesColor: [face.clothesColor],
    clothingGraphic: [face.clothingGraphic],
  };
}

/** Returns the planned labels of `face` as an object of attribute name to 1 or -1. */
export function labelsFromPlan(face) {
  const hairVisible = face.head === 'hair';
  const labels = {
    Bald: face.head === 'bald',
    Eyeglasses: face.eyeglasses,
    Male: face.male,
    Mouth_Slightly_Open: face.mouthOpen,
    Mustache: face.facialHairKind === 'mustache',
    No_Beard: face.facialHairKind !== 'beard',
    Pale_Skin: face.pale,
    Smiling: face.smiling,
    Wearing_Hat: face.head === 'hat',
  };
  for (const name of HAIR_COLOR_NAMES) {
    labels[name] = hairVisible && face.hairColorName === name;
  }
  return toSigns(labels);
}

/**
 * Returns the labels of what DiceBear drew, from `createAvatar(...).toJson().extra`
 * (part names, and colours as '#rrggbb'). Male is not drawn, so it is absent.
 */
export function labelsFromDrawn(extra) {
  const top = extra.top;
  const hairColor = stripHash(extra.hairColor);
  const labels = {
    Bald: top === undefined,
    Eyeglasses: GLASSES.includes(extra.accessories),
    Mouth_Slightly_Open: OPEN_MOUTHS.includes(extra.mouth),
    Mustache: MUSTACHES.includes(extra.facialHair),
    No_Beard: !BEARDS.includes(extra.facialHair),
    Pale_Skin: stripHash(extra.skinColor) === PALE_SKIN,
    Smiling: SMILING_MOUTHS.includes(extra.mouth),
    Wearing_Hat: HAT_TOPS.includes(top),
  };
  for (const name of HAIR_COLOR_NAMES) {
    labels[name] = HAIR_TOPS.includes(top) && HAIR_COLORS[name].includes(hairColor);
  }
  return toSigns(labels);
}

/** Returns soft scores in [0, 1] for SOFT_ATTRIBUTE_NAMES, from what DiceBear drew. */
export function softScoresFromDrawn(extra) {
  const beardRank = BEARD_ORDER.indexOf(extra.facialHair);
  return {
    No_Beard: beardRank === -1 ? 1 : beardRank / BEARD_ORDER.length,
    Pale_Skin: SKIN_ORDER.indexOf(stripHash(extra.skinColor)) / (SKIN_ORDER.length - 1),
    Smiling: SMILE_ORDER.indexOf(extra.mouth) / (SMILE_ORDER.length - 1),
  };
}

/**
 * Throws unless the planned labels of image `imageName` match what DiceBear drew, and
 * unless the drawing is one that the plan allows (no facial hair on a female face, no
 * skin or part outside the sampled sets).
 */
export function checkLabels(imageName, face, extra) {
  const planned = labelsFromPlan(face);
  const drawn = labelsFromDrawn(extra);
  const drawnParts = JSON.stringify({
    top: extra.top,
    hairColor: extra.hairColor,
    facialHair: extra.facialHair,
    accessories: extra.accessories,
    mouth: extra.mouth,
    skinColor: extra.skinColor,
  });
  for (const name of ATTRIBUTE_NAMES) {
    if (name === 'Male') {
      continue;
    }
    if (planned[name] !== drawn[name]) {
      throw new Error(
        `Label mismatch in ${imageName}: ${name} is ${planned[name]} in the plan but ${drawn[name]} ` +
          `for what DiceBear drew ${drawnParts}`,
      );
    }
  }
  if (!face.male && extra.facialHair !== undefined) {
    throw new Error(`Label mismatch in ${imageName}: Male is -1 but DiceBear drew facial hair ${drawnParts}`);
  }
  if (extra.top !== undefined && !HAT_TOPS.includes(extra.top) && !HAIR_TOPS.includes(extra.top)) {
    throw new Error(`Unexpected top in ${imageName}: ${extra.top} is neither a sampled hat nor a hair style`);
  }
  if (!SKIN_ORDER.includes(stripHash(extra.skinColor))) {
    throw new Error(`Unexpected skin colour in ${imageName}: ${extra.skinColor} is not one of ${SKIN_ORDER.join(', ')}`);
  }
  if (!SMILE_ORDER.includes(extra.mouth)) {
    throw new Error(`Unexpected mouth in ${imageName}: ${extra.mouth} has no place in the smile order`);
  }
}

function toSigns(booleans) {
  const signs = {};
  for (const [name, value] of Object.entries(booleans)) {
    signs[name] = value ? 1 : -1;
  }
  return signs;
}

function stripHash(color) {
  return typeof color === 'string' ? color.replace(/^#/, '').toLowerCase() : color;
}
