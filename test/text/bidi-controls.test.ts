import { describe, expect, it } from 'vitest';
import { BIDI_CONTROL_CLASS, isBidiControl } from '../../shared/text/bidi-controls.ts';

describe('the bidi controls', () => {
  it('are the same characters as a predicate and as a character class', () => {
    // Prepare
    const inClass = new RegExp(`^[${BIDI_CONTROL_CLASS}]$`);

    // Act
    const disagreements: number[] = [];
    for (let code = 0; code <= 0xffff; code += 1) {
      if (isBidiControl(code) !== inClass.test(String.fromCharCode(code))) disagreements.push(code);
    }

    // Assess
    expect(disagreements).toEqual([]);
    expect(isBidiControl(0x202e)).toBe(true);
    expect(isBidiControl(0x200d)).toBe(false);
  });
});
