// Renders every icon from the one source image, build/icon.svg (npm run icons; the outputs are
// committed, so building the app never needs this):
//   build/icon.png (1024 px) and build/icon.ico: electron-builder's packages (icns made from the PNG);
//   renderer/public/icon.png (256 px): the window's icon (BrowserWindow `icon`);
//   renderer/public/favicon.ico: the browser tab in browser mode (browsers ask for /favicon.ico).
// @resvg/resvg-js renders SVG with prebuilt binaries and no system libraries; an ICO is a small
// header in front of PNG images (Windows Vista and every browser read PNG entries), written here.
import { Resvg } from '@resvg/resvg-js';
import { readFileSync, writeFileSync, mkdirSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const svg = readFileSync(join(root, 'build', 'icon.svg'));

const png = (size) => Buffer.from(new Resvg(svg, { fitTo: { mode: 'width', value: size } }).render().asPng());

function ico(sizes) {
  const images = sizes.map(png);
  const header = Buffer.alloc(6 + 16 * sizes.length);
  header.writeUInt16LE(0, 0); // reserved
  header.writeUInt16LE(1, 2); // 1 = icon
  header.writeUInt16LE(sizes.length, 4);
  let offset = header.length;
  sizes.forEach((size, i) => {
    const e = 6 + 16 * i;
    header.writeUInt8(size >= 256 ? 0 : size, e); // 0 means 256
    header.writeUInt8(size >= 256 ? 0 : size, e + 1);
    header.writeUInt8(0, e + 2); // no palette
    header.writeUInt8(0, e + 3);
    header.writeUInt16LE(1, e + 4); // colour planes
    header.writeUInt16LE(32, e + 6); // bits per pixel
    header.writeUInt32LE(images[i].length, e + 8);
    header.writeUInt32LE(offset, e + 12);
    offset += images[i].length;
  });
  return Buffer.concat([header, ...images]);
}

const out = (rel, data) => {
  const file = join(root, rel);
  mkdirSync(dirname(file), { recursive: true });
  writeFileSync(file, data);
  console.log(`${rel} (${data.length} bytes)`);
};

out('build/icon.png', png(1024));
out('build/icon.ico', ico([16, 24, 32, 48, 64, 128, 256]));
out('renderer/public/icon.png', png(256));
out('renderer/public/favicon.ico', ico([16, 32, 48]));
