// npm run icons: draws the app's two Teams icons into appPackage/ (committed; run again after a change).
// Teams wants a full-colour 192×192 icon and a 32×32 outline that is white on transparent.
import { writeFileSync } from 'node:fs';
import { PNG } from 'pngjs';

type Point = [number, number];
type Rgba = [number, number, number, number];

/** Distance from p to the segment a–b. */
function toSegment(p: Point, a: Point, b: Point): number {
  const [dx, dy] = [b[0] - a[0], b[1] - a[1]];
  const t = Math.max(0, Math.min(1, ((p[0] - a[0]) * dx + (p[1] - a[1]) * dy) / (dx * dx + dy * dy)));
  return Math.hypot(p[0] - (a[0] + t * dx), p[1] - (a[1] + t * dy));
}

/** The mark: a tick, as two strokes in a unit square, scaled to the icon. */
const TICK: [Point, Point][] = [
  [
    [0.27, 0.53],
    [0.43, 0.69],
  ],
  [
    [0.43, 0.69],
    [0.74, 0.34],
  ],
];

function draw(size: number, background: Rgba | undefined, stroke: number): PNG {
  const png = new PNG({ width: size, height: size });
  const radius = size * 0.18; // rounded corners of the colour tile
  for (let y = 0; y < size; y++) {
    for (let x = 0; x < size; x++) {
      const p: Point = [(x + 0.5) / size, (y + 0.5) / size];
      // Coverage of the tick, anti-aliased over one pixel.
      const d = Math.min(...TICK.map(([a, b]) => toSegment(p, a, b))) * size;
      const tick = Math.max(0, Math.min(1, stroke / 2 - d + 0.5));
      let [r, g, b, a] = background ?? [255, 255, 255, 0];
      if (background) {
        const cx = Math.max(radius, Math.min(size - radius, x + 0.5));
        const cy = Math.max(radius, Math.min(size - radius, y + 0.5));
        const inside = Math.max(0, Math.min(1, radius - Math.hypot(x + 0.5 - cx, y + 0.5 - cy) + 0.5));
        a = Math.round(255 * inside);
      }
      const i = (y * size + x) * 4;
      png.data[i] = Math.round(r + (255 - r) * tick);
      png.data[i + 1] = Math.round(g + (255 - g) * tick);
      png.data[i + 2] = Math.round(b + (255 - b) * tick);
      png.data[i + 3] = background ? a : Math.round(255 * tick);
    }
  }
  return png;
}

const out = (name: string) => new URL(`../appPackage/${name}`, import.meta.url);
writeFileSync(out('color.png'), PNG.sync.write(draw(192, [15, 108, 189, 255], 22)));
writeFileSync(out('outline.png'), PNG.sync.write(draw(32, undefined, 3.5)));
console.log('wrote appPackage/color.png (192×192) and appPackage/outline.png (32×32)');
