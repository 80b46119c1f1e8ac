import { describe, expect, it } from 'vitest';
import { highlightSegments, type Mark } from '../../console/src/text/highlight-segments.ts';

const mark = (start: number, end: number, kind = 'rule', label = kind): Mark => ({ start, end, kind, label });

describe('highlightSegments', () => {
  it('cuts the text at each mark and keeps the text whole', () => {
    // Prepare
    const text = 'Pakistan and the US hold a counterterrorism dialogue.';
    const marks = [mark(27, 52)];

    // Act
    const segments = highlightSegments(text, marks);

    // Assess
    expect(segments.map((segment) => segment.text).join('')).toBe(text);
    expect(segments.filter((segment) => segment.marks.length > 0).map((segment) => segment.text)).toEqual([
      'counterterrorism dialogue',
    ]);
  });

  it('gives an overlap of two marks both, and each side only its own', () => {
    // Prepare
    const sentence = mark(0, 17, 'topic', 'Topic security');
    const term = mark(10, 14, 'rule', 'Rule talks');

    // Act
    const segments = highlightSegments('Officials talk of more talks', [sentence, term]);

    // Assess
    expect(segments.map(({ text, marks }) => [text, marks.map(({ kind }) => kind)])).toEqual([
      ['Officials ', ['topic']],
      ['talk', ['topic', 'rule']],
      [' of', ['topic']],
      [' more talks', []],
    ]);
  });

  it('drops marks outside the text or empty, and clamps one that runs past its end', () => {
    // Prepare
    const marks = [mark(50, 60), mark(3, 3), mark(-2, 2), mark(4, 99)];

    // Act
    const segments = highlightSegments('abcdef', marks);

    // Assess
    expect(segments.map(({ text, marks: covering }) => [text, covering.length])).toEqual([
      ['ab', 1],
      ['cd', 0],
      ['ef', 1],
    ]);
  });

  it('keeps right-to-left text and its offsets as they are', () => {
    // Prepare: "talks between Pakistan and America" in Urdu; the mark is the word for Pakistan.
    const text = 'پاکستان اور امریکہ کے درمیان مذاکرات';

    // Act
    const segments = highlightSegments(text, [mark(0, 7, 'country')]);

    // Assess
    expect(segments[0]).toMatchObject({ text: 'پاکستان' });
    expect(segments.map((segment) => segment.text).join('')).toBe(text);
  });
});
