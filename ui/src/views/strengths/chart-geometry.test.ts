import { describe, expect, test } from 'vitest';
import { clampShare, linePath, monthX, pointsAttr, radarLabel, radarPoint, radarPolygon, radarRings, shareY } from './chart-geometry';

const CENTER = { x: 100, y: 100 };

describe('radar', () => {
  test('the first axis points up and the others follow clockwise', () => {
    expect(radarPoint(CENTER, 50, 0, 4, 1)).toEqual({ x: 100, y: 50 });
    expect(radarPoint(CENTER, 50, 1, 4, 1)).toEqual({ x: 150, y: 100 });
    expect(radarPoint(CENTER, 50, 2, 4, 1)).toEqual({ x: 100, y: 150 });
    expect(radarPoint(CENTER, 50, 3, 4, 1)).toEqual({ x: 50, y: 100 });
  });

  test('a score is its share of the radius; out-of-range scores sit on the edge', () => {
    expect(radarPolygon(CENTER, 80, [0.5, 0.25, 0, 1])).toEqual([
      { x: 100, y: 60 },
      { x: 120, y: 100 },
      { x: 100, y: 100 },
      { x: 20, y: 100 },
    ]);
    expect(radarPoint(CENTER, 80, 0, 4, 1.7)).toEqual({ x: 100, y: 20 });
    expect(radarPoint(CENTER, 80, 0, 4, -0.3)).toEqual({ x: 100, y: 100 });
    expect(clampShare(Number.NaN)).toBe(0);
  });

  test('three axes sit 120° apart', () => {
    const [, right, left] = radarPolygon(CENTER, 100, [1, 1, 1]);
    expect(right).toEqual({ x: 186.6, y: 150 });
    expect(left).toEqual({ x: 13.4, y: 150 });
  });

  test('rings have a corner per axis at each level', () => {
    const rings = radarRings(CENTER, 40, 4, [0.5, 1]);
    expect(rings.map(pointsAttr)).toEqual(['100,80 120,100 100,120 80,100', '100,60 140,100 100,140 60,100']);
  });

  test('labels sit beyond the rim, anchored away from the centre', () => {
    expect(radarLabel(CENTER, 50, 0, 4, 10)).toEqual({ x: 100, y: 40, anchor: 'middle' });
    expect(radarLabel(CENTER, 50, 1, 4, 10)).toEqual({ x: 160, y: 100, anchor: 'start' });
    expect(radarLabel(CENTER, 50, 2, 4, 10)).toEqual({ x: 100, y: 160, anchor: 'middle' });
    expect(radarLabel(CENTER, 50, 3, 4, 10)).toEqual({ x: 40, y: 100, anchor: 'end' });
  });
});

describe('trend', () => {
  const BOX = { left: 40, top: 10, width: 440, height: 200 };

  test('twelve months span the box; shares run from the bottom up', () => {
    expect(monthX(BOX, 1)).toBe(40);
    expect(monthX(BOX, 12)).toBe(480);
    expect(monthX(BOX, 6)).toBe(240);
    expect(shareY(BOX, 0)).toBe(210);
    expect(shareY(BOX, 1)).toBe(10);
    expect(shareY(BOX, 0.25)).toBe(160);
    expect(shareY(BOX, 2)).toBe(10);
  });

  test('a line moves to its first month and draws through the rest', () => {
    expect(linePath(BOX, [])).toBe('');
    expect(
      linePath(BOX, [
        { month: 1, value: 0.5 },
        { month: 2, value: 0.75 },
        { month: 3, value: 0.75 },
      ]),
    ).toBe('M40 110 L80 60 L120 60');
  });
});
