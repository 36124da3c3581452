import { describe, expect, it } from 'vitest';
import { placeTip } from './TipLayer';

describe('tooltip placement', () => {
  const view = { width: 390, height: 844 };
  it('stays inside the window near the left and right edges', () => {
    expect(placeTip({ x: 10, top: 300, bottom: 320 }, { width: 300, height: 40 }, view).left).toBe(8);
    expect(placeTip({ x: 385, top: 300, bottom: 320 }, { width: 300, height: 40 }, view).left).toBe(82);
  });
  it('goes above the anchor, or below it when there is no room above', () => {
    expect(placeTip({ x: 200, top: 300, bottom: 320 }, { width: 100, height: 40 }, view).top).toBe(252);
    expect(placeTip({ x: 200, top: 20, bottom: 40 }, { width: 100, height: 40 }, view).top).toBe(48);
  });
});
