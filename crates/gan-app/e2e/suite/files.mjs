// The files area: what goes into the page and out of it as files. A checkpoint saved, bad
// ones refused with their reason, the saved one loaded back; the shipped trained model, its
// latent walk, the grid as a PNG and the timelapse as a GIF; Fashion-MNIST from a link; a
// class's own pictures as a zip (the PNG and zip writers below make them).

import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';
import {
  attr, check, checkPageErrors, click, evalT, meanGrey, MODE, ok, OUT, openApp, page, readCanvas,
  results, search, sleep, stepNow, T, textOf, waitFor,
} from './context.mjs';

// Checkpoints: "Save model" downloads a file; after more training, bad files are refused one by
// one with their reason while the model stays as it was; then the saved file brings its step
// back and training goes on from it.
export async function checkpointRoundTrip(url) {
  await openApp(`${url}?backend=cpu`, 'app becomes ready for the checkpoint round trip');
  await click('train');
  await waitFor('training reaches step 30', stepNow, undefined, (s) => s >= 30, T.trainTimeout);
  await click('train');
  await waitFor('paused before saving', attr, ['train', 'aria-pressed'], (v) => v !== 'true', 10_000);
  await sleep(300);
  const saved = await evalT(stepNow);
  const [download] = await Promise.all([page.waitForEvent('download', { timeout: 60_000 }), click('save-checkpoint')]);
  const file = path.join(OUT, `${MODE}-checkpoint.gan`);
  await download.saveAs(file);
  const bytes = fs.readFileSync(file);
  results.checkpoint = { step: saved, bytes: bytes.length, name: download.suggestedFilename() };
  check(download.suggestedFilename() === `gan-werkstatt-step-${saved}.gan`, `"Save model" downloads gan-werkstatt-step-${saved}.gan`, download.suggestedFilename());
  check(bytes.subarray(0, 8).toString() === 'GANWERK1' && bytes.length > 4e6, `the file is a checkpoint with networks and optimizers (${(bytes.length / 1e6).toFixed(1)} MB)`);

  // Step is not a queue (a click while a step runs asks for that one step): wait for each.
  for (let i = 1; i <= 5; i++) {
    await click('step');
    await waitFor(`step ${saved + i}`, stepNow, undefined, (s) => s === saved + i, T.singleStep);
  }
  const before = saved + 5;
  const damaged = Buffer.from(bytes);
  damaged[damaged.length >> 1] ^= 0x20;
  const huge = path.join(OUT, `${MODE}-too-large.gan`);
  fs.writeFileSync(huge, '');
  fs.truncateSync(huge, 65 * 1024 * 1024);
  const bad = [
    ['notes.txt', Buffer.from('these are my lesson notes'), /not a GAN Werkstatt checkpoint/],
    ['cut.gan', bytes.subarray(0, bytes.length >> 1), /truncated/],
    ['damaged.gan', damaged, /damaged/],
    ['too-large.gan', huge, /limit/],
  ];
  const notice = () => document.querySelector('[data-testid="notice"]')?.textContent ?? '';
  for (const [name, content, reason] of bad) {
    const files = typeof content === 'string' ? content : { name, mimeType: 'application/octet-stream', buffer: content };
    await page.locator('[data-testid="load-checkpoint"]').setInputFiles(files);
    const text = await waitFor(`the app refuses ${name}`, notice, undefined, (t) => reason.test(t), 30_000);
    check(/unchanged/.test(text) && (await evalT(stepNow)) === before, `${name} is refused with its reason, the model unchanged: ${text}`);
  }
  fs.rmSync(huge, { force: true });

  await page.locator('[data-testid="load-checkpoint"]').setInputFiles(file);
  await waitFor(`the checkpoint brings back step ${saved}`, stepNow, undefined, (s) => s === saved, 30_000);
  const loaded = await evalT(notice);
  check(new RegExp(`Checkpoint loaded: step ${saved}, with its optimizers`).test(loaded), 'the page says the checkpoint and its optimizers are loaded', loaded);
  await click('step');
  await waitFor('training goes on from the checkpoint', stepNow, undefined, (s) => s === saved + 1, T.singleStep);
  ok(`training goes on from step ${saved} to ${saved + 1}`);
  const violations = await evalT(() => window.__cspViolations.slice());
  check(violations.length === 0, 'saving and loading cause no CSP violation', violations.join(', '));
  checkPageErrors();
}

// "Start from a trained model": the site's pretrained checkpoint loads at once, and the judge
// reads real digits in the grid (most of them sure, many classes) before any training.
export async function pretrainedStart(url) {
  await openApp(`${url}?backend=cpu`, 'app becomes ready for the pretrained start');
  await waitFor('the judge is ready', attr, ['judge-panel', 'data-judge'], (v) => v === 'ready', T.judge);
  const t0 = Date.now();
  await click('pretrained');
  const step = await waitFor('the trained model is loaded', stepNow, undefined, (s) => s > 1000, 60_000);
  const notice = await evalT(() => document.querySelector('[data-testid="notice"]')?.textContent ?? '');
  check(/Checkpoint loaded/.test(notice), `"Start from a trained model" loads the shipped model at step ${step} in ${Date.now() - t0} ms`, notice);
  await click('label-toggle');
  const labels = await waitFor(
    'the judge labels the trained model\'s grid',
    () => [...document.querySelectorAll('[data-testid="grid-labels"] .digit-label')].map((l) => l.textContent),
    undefined,
    (l) => l.length === 64,
    T.singleStep,
  );
  const parsed = labels.map((t) => t.match(/^(\d) (\d+)%$/)).filter(Boolean);
  const classes = new Set(parsed.map((m) => m[1])).size;
  const sure = parsed.filter((m) => Number(m[2]) >= 80).length;
  results.pretrained = { step, classes, sure };
  check(classes >= 8 && sure >= 32, `the judge reads ${classes} different digits in the grid, ${sure} of 64 at least 80 % sure`, labels.join(', '));
  await click('label-toggle');
  await waitFor('labels hide again', attr, ['grid-labels', 'data-count'], (v) => v === '0', T.singleStep);
  checkPageErrors();
  await latentWalkAndExport();
}

// One 28 × 28 digit of a canvas (the `index`-th, `columns` per row) as grey levels.
function digitOf([testid, index, columns]) {
  const image = window.__canvasPixels(testid);
  const x0 = (index % columns) * 28;
  const y0 = Math.floor(index / columns) * 28;
  const grey = [];
  for (let y = y0; y < y0 + 28; y++) {
    for (let x = x0; x < x0 + 28; x++) grey.push(image.data[(y * image.width + x) * 4]);
  }
  return grey;
}

const sameDigit = (a, b) => a.length === b.length && a.every((v, i) => Math.abs(v - b[i]) <= 1);

// Counts the frames of a GIF by walking its blocks (header, screen, colour table, then
// extensions and image descriptors up to the trailer).
function gifFrames(bytes) {
  let at = 13;
  if (bytes[10] & 0x80) at += 3 * (1 << ((bytes[10] & 7) + 1));
  let frames = 0;
  const skipSubBlocks = () => {
    while (bytes[at] !== 0) at += bytes[at] + 1;
    at += 1;
  };
  while (at < bytes.length) {
    const block = bytes[at];
    if (block === 0x3b) return frames;
    if (block === 0x21) {
      at += 2;
      skipSubBlocks();
    } else if (block === 0x2c) {
      frames += 1;
      const packed = bytes[at + 9];
      at += 10;
      if (packed & 0x80) at += 3 * (1 << ((packed & 7) + 1));
      at += 1; // LZW minimum code size
      skipSubBlocks();
    } else {
      return -1;
    }
  }
  return -1;
}

// The trained model's latent walk: two clicks on the grid, the walk's ends are those two
// digits, the slider moves along it; then the grid as a PNG and the timelapse as a GIF.
async function latentWalkAndExport() {
  const grid = page.locator('[data-testid="digit-grid"]');
  const box = await grid.boundingBox();
  const cell = box.width / 8;
  await grid.click({ position: { x: cell * 0.5, y: cell * 0.5 } });
  await waitFor('the first click marks a digit', () => document.querySelectorAll('[data-testid="walk-mark"]').length, undefined, (n) => n === 1, 10_000);
  await grid.click({ position: { x: cell * 7.5, y: cell * 7.5 } });
  await waitFor('the walk is drawn', attr, ['walk-strip', 'data-step'], (v) => v !== null, T.singleStep);
  const marks = await evalT(() => document.querySelectorAll('[data-testid="walk-mark"]').length);
  check(marks === 2, 'both ends of the walk are framed on the grid');
  // Paused, the grid and the walk come from the same networks.
  const slide = async (to) => {
    // A range input cannot be typed into: set it as a drag would, with an input event.
    await evalT((value) => {
      const slider = document.querySelector('[data-testid="walk-slider"]');
      slider.value = value;
      slider.dispatchEvent(new Event('input', { bubbles: true }));
    }, String(to));
    await sleep(300);
    return evalT(digitOf, ['walk-frame', 0, 1]);
  };
  const first = await evalT(digitOf, ['digit-grid', 0, 8]);
  const last = await evalT(digitOf, ['digit-grid', 63, 8]);
  const atStart = await slide(0);
  const atEnd = await slide(31);
  const middle = await slide(15);
  check(sameDigit(atStart, first), 'the slider at 0 shows the first picked digit');
  check(sameDigit(atEnd, last), 'the slider at the end shows the second picked digit');
  check(!sameDigit(middle, first) && !sameDigit(middle, last), 'halfway the walk shows a drawing of its own');
  const strip = await evalT(readCanvas, 'walk-strip');
  check(!strip.blank && strip.width === 16 * 28 && strip.height === 2 * 28, `the strip shows all 32 drawings (${strip.width}×${strip.height})`);
  await click('walk-close');
  await waitFor('closing the walk hides it', () => document.querySelectorAll('[data-testid="walk-mark"]').length, undefined, (n) => n === 0, 10_000);

  const [png] = await Promise.all([page.waitForEvent('download', { timeout: 60_000 }), click('save-png')]);
  const pngFile = path.join(OUT, `${MODE}-grid.png`);
  await png.saveAs(pngFile);
  const pngBytes = fs.readFileSync(pngFile);
  const width = pngBytes.readUInt32BE(16);
  const height = pngBytes.readUInt32BE(20);
  check(
    pngBytes.subarray(1, 4).toString() === 'PNG' && width === 968 && height === 968 && /^gan-werkstatt-step-\d+\.png$/.test(png.suggestedFilename()),
    `"Save grid as PNG" downloads ${png.suggestedFilename()} (${width}×${height}, ${pngBytes.length} bytes)`,
  );

  await click('train');
  await waitFor('the timelapse records a few grids', attr, ['timelapse-frames', 'data-frames'], (v) => Number(v) >= 4, T.trainTimeout);
  await click('train');
  await waitFor('paused before the timelapse', attr, ['train', 'aria-pressed'], (v) => v !== 'true', 10_000);
  const recorded = Number(await evalT(attr, ['timelapse-frames', 'data-frames']));
  const [gif] = await Promise.all([page.waitForEvent('download', { timeout: 60_000 }), click('save-gif')]);
  const gifFile = path.join(OUT, `${MODE}-timelapse.gif`);
  await gif.saveAs(gifFile);
  const gifBytes = fs.readFileSync(gifFile);
  const frames = gifFrames(gifBytes);
  results.timelapse = { recorded, frames, bytes: gifBytes.length, width: gifBytes.readUInt16LE(6), height: gifBytes.readUInt16LE(8) };
  check(
    gifBytes.subarray(0, 6).toString() === 'GIF89a' && results.timelapse.width === 484 && results.timelapse.height === 490,
    `"Save timelapse" downloads ${gif.suggestedFilename()}, an animated GIF (${results.timelapse.width}×${results.timelapse.height}, ${(gifBytes.length / 1e6).toFixed(2)} MB)`,
  );
  check(frames >= recorded && frames >= 4, `the GIF holds every recorded grid (${frames} frames, ${recorded} recorded)`);
  checkPageErrors();
}

// ---------------------------------------------------------------- Fashion-MNIST

// The second data set from a link: the strip shows clothes, the judge (a digit reader) stands
// aside and says why, the digit-trained model is not offered, a conditional model is asked
// for a sneaker, and the menu switches back to digits.
export async function fashionData(url) {
  await openApp(`${url}?backend=cpu&data=fashion&conditional=on`, 'app becomes ready on Fashion-MNIST');
  const seen = await evalT(() => ({
    select: document.querySelector('[data-testid="data-select"]').value,
    caption: document.querySelector('[data-testid="real-digits"]').closest('figure').textContent,
    pretrainedDisabled: document.querySelector('[data-testid="pretrained"]').disabled,
    ask7: document.querySelector('[data-testid="ask-7"]').textContent,
  }));
  check(seen.select === 'fashion' && /Real clothes/.test(seen.caption), 'the link picks Fashion-MNIST and the strip says "Real clothes"', JSON.stringify(seen));
  const clothes = await waitFor('the strip shows photos', meanGrey, 'real-digits', (m) => m > 0, T.singleStep);
  check(clothes > 0.2, `the real strip shows clothes, not digits (mean grey ${clothes.toFixed(2)}; MNIST's digits are about 0.13)`);
  check(seen.pretrainedDisabled, 'the digit-trained model is not offered for clothes');
  check(seen.ask7 === 'Draw: sneaker', `the conditional buttons name the classes ("${seen.ask7}")`);
  await waitFor('the judge stands aside', attr, ['judge-panel', 'data-judge'], (v) => v === 'unavailable', T.judge);
  const judge = await evalT(textOf, 'judge-status');
  check(/not clothes/.test(judge), 'the judge panel says why it has no figures', judge);
  await click('step');
  await waitFor('a step on clothes trains', stepNow, undefined, (s) => s >= 1, T.singleStep);
  await click('ask-7');
  await waitFor('the forger answers "sneaker"', attr, ['ask-answer', 'data-digit'], (v) => v === '7', T.singleStep);
  ok('a conditional model on clothes answers the class asked for');
  await page.locator('[data-testid="data-select"]').selectOption('mnist');
  await waitFor('back on digits, the trainer is ready again', attr, ['app', 'data-ready'], (v) => v === 'true', T.ready, 250);
  const digits = await waitFor('the strip shows digits', meanGrey, 'real-digits', (m) => m > 0 && m < 0.2, T.singleStep);
  const query = await evalT(search);
  check(!query.includes('data=') && digits < 0.2, `the menu switches back to MNIST (mean grey ${digits.toFixed(2)}), and the address follows`, query);
  checkPageErrors();
}

// ---------------------------------------------------------------- own pictures

const CRC_TABLE = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});
function crc32(buf) {
  let c = 0xffffffff;
  for (const b of buf) c = CRC_TABLE[(c ^ b) & 0xff] ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}

// A greyscale PNG of width × height with grey(x, y), as a class's scanner would save it.
function pngGrey(width, height, grey) {
  const raw = Buffer.alloc((width + 1) * height);
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) raw[y * (width + 1) + 1 + x] = grey(x, y);
  }
  const chunk = (type, data) => {
    const body = Buffer.concat([Buffer.from(type), data]);
    const out = Buffer.alloc(12 + data.length);
    out.writeUInt32BE(data.length, 0);
    body.copy(out, 4);
    out.writeUInt32BE(crc32(body), 8 + data.length);
    return out;
  };
  const header = Buffer.alloc(13);
  header.writeUInt32BE(width, 0);
  header.writeUInt32BE(height, 4);
  header[8] = 8; // bit depth; colour type 0 (grey), no interlace
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', header),
    chunk('IDAT', zlib.deflateSync(raw)),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

// A zip of [name, bytes] pairs, every entry stored (as `zip -0` writes it).
function storedZip(files) {
  const locals = [];
  const central = [];
  let offset = 0;
  for (const [name, data] of files) {
    const nameBytes = Buffer.from(name);
    const crc = crc32(data);
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4);
    local.writeUInt32LE(crc, 14);
    local.writeUInt32LE(data.length, 18);
    local.writeUInt32LE(data.length, 22);
    local.writeUInt16LE(nameBytes.length, 26);
    const entry = Buffer.alloc(46);
    entry.writeUInt32LE(0x02014b50, 0);
    entry.writeUInt16LE(20, 4);
    entry.writeUInt16LE(20, 6);
    entry.writeUInt32LE(crc, 16);
    entry.writeUInt32LE(data.length, 20);
    entry.writeUInt32LE(data.length, 24);
    entry.writeUInt16LE(nameBytes.length, 28);
    entry.writeUInt32LE(offset, 42);
    locals.push(local, nameBytes, data);
    central.push(entry, nameBytes);
    offset += 30 + nameBytes.length + data.length;
  }
  const directory = Buffer.concat(central);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(files.length, 8);
  end.writeUInt16LE(files.length, 10);
  end.writeUInt32LE(directory.length, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...locals, directory, end]);
}

// A class's own drawings: dark rings on white paper, 40 × 40, each a little different.
function drawings(count) {
  return Array.from({ length: count }, (_, i) => {
    const r = 9 + (i % 5);
    const cx = 18 + (i % 3);
    return pngGrey(40, 40, (x, y) => (Math.abs(Math.hypot(x - cx, y - 20) - r) < 2.2 ? 20 : 240));
  });
}

// Own pictures: a zip of drawings trains, with the skipped file named; an upload without a
// usable picture and one with too few pictures are refused, and the training set stays.
export async function ownPictures(url) {
  await openApp(`${url}?backend=cpu`, 'app becomes ready for own pictures');
  const files = drawings(80).map((png, i) => [`ringe/ring-${i}.png`, png]);
  files.push(['ringe/liesmich.txt', Buffer.from('Zeichnungen der 7b')]);
  const zip = storedZip(files);
  await page.locator('[data-testid="own-pictures"]').setInputFiles({ name: 'klasse.zip', mimeType: 'application/zip', buffer: zip });
  const notice = await waitFor('the pictures are in use', textOf, 'notice', (t) => /of your pictures/.test(t ?? ''), 60_000);
  check(/80 of your pictures/.test(notice) && /liesmich\.txt/.test(notice), `the zip's 80 drawings train and the skipped file is named: ${notice}`);
  const rings = await evalT(meanGrey, 'real-digits');
  check(rings > 0.05, `the real strip shows the drawings, light on dark (mean grey ${rings.toFixed(2)})`);
  const data = await evalT(() => document.querySelector('[data-testid="data-select"]').value);
  check(data === 'own', 'the data menu says "your pictures"', data);
  await click('step');
  await waitFor('a step on own pictures trains', stepNow, undefined, (s) => s === 1, T.singleStep);
  // Nothing usable: refused, the drawings stay.
  await page.locator('[data-testid="own-pictures"]').setInputFiles({ name: 'notes.txt', mimeType: 'text/plain', buffer: Buffer.from('no pictures here') });
  const refused = await waitFor('a text file is refused', textOf, 'notice', (t) => /usable picture/.test(t ?? ''), 30_000);
  check((await evalT(stepNow)) === 1, `an upload without pictures is refused and training is untouched: ${refused}`);
  // Fewer pictures than a batch: refused with the number needed.
  await page.locator('[data-testid="own-pictures"]').setInputFiles(drawings(10).map((png, i) => ({ name: `r${i}.png`, mimeType: 'image/png', buffer: png })));
  const few = await waitFor('too few pictures are refused', textOf, 'notice', (t) => /64/.test(t ?? '') && /10/.test(t ?? ''), 30_000);
  ok(`ten pictures for a batch of 64 are refused: ${few}`);
  checkPageErrors();
}
