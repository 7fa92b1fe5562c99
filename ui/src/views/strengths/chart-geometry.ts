// Geometry of the 四强 page's two small SVG charts: the radar of the strengths' scores and the
// month-by-month trend. Pure functions of numbers, so the pictures can be tested without a DOM.

export interface Point {
  x: number;
  y: number;
}

/** Scores are shares; anything outside 0–1 (or not a number) is drawn at the nearest edge. */
export function clampShare(v: number): number {
  if (!Number.isFinite(v)) return 0;
  return Math.min(1, Math.max(0, v));
}

/** Rounds to two decimals so the SVG text stays short and tests compare exact strings. */
function round2(v: number): number {
  const r = Math.round(v * 100) / 100;
  return Object.is(r, -0) ? 0 : r;
}

/**
 * The point at `share` of the radius on axis `index` of `count`: the first axis points straight
 * up and the others follow clockwise, as a radar chart is read.
 */
export function radarPoint(center: Point, radius: number, index: number, count: number, share: number): Point {
  const angle = -Math.PI / 2 + (2 * Math.PI * index) / count;
  const r = radius * clampShare(share);
  return { x: round2(center.x + r * Math.cos(angle)), y: round2(center.y + r * Math.sin(angle)) };
}

/** The polygon of the scores, one corner per axis. */
export function radarPolygon(center: Point, radius: number, scores: number[]): Point[] {
  return scores.map((s, i) => radarPoint(center, radius, i, scores.length, s));
}

/** The grid's rings at each level (e.g. 25%, 50%, 75%, 100%) as polygons with `count` corners. */
export function radarRings(center: Point, radius: number, count: number, levels: number[]): Point[][] {
  return levels.map((level) => Array.from({ length: count }, (_, i) => radarPoint(center, radius, i, count, level)));
}

/** Where an axis label goes (a little beyond the rim) and how its text is anchored. */
export function radarLabel(center: Point, radius: number, index: number, count: number, gap: number): Point & { anchor: 'start' | 'middle' | 'end' } {
  const angle = -Math.PI / 2 + (2 * Math.PI * index) / count;
  const x = round2(center.x + (radius + gap) * Math.cos(angle));
  const y = round2(center.y + (radius + gap) * Math.sin(angle));
  const dx = x - center.x;
  const anchor = Math.abs(dx) < 1 ? 'middle' : dx > 0 ? 'start' : 'end';
  return { x, y, anchor };
}

/** "x1,y1 x2,y2 …" for a <polygon> or <polyline>. */
export function pointsAttr(points: Point[]): string {
  return points.map((p) => `${p.x},${p.y}`).join(' ');
}

/** The plotting area of a line chart inside its SVG. */
export interface PlotBox {
  left: number;
  top: number;
  width: number;
  height: number;
}

/** The x of month `month` (1–12): twelve evenly spaced slots across the box. */
export function monthX(box: PlotBox, month: number): number {
  return round2(box.left + ((month - 1) * box.width) / 11);
}

/** The y of a share: 0 at the bottom of the box, 1 at the top. */
export function shareY(box: PlotBox, share: number): number {
  return round2(box.top + box.height * (1 - clampShare(share)));
}

/** An SVG path through the months' values ("M x y L x y …"); empty without points. */
export function linePath(box: PlotBox, points: { month: number; value: number }[]): string {
  return points.map((p, i) => `${i === 0 ? 'M' : 'L'}${monthX(box, p.month)} ${shareY(box, p.value)}`).join(' ');
}
