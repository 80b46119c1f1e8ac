/** Drop caps in plain text are joined back to their words, and ordinary letters are left alone. */
import { describe, expect, it } from 'vitest';
import { createClassifier } from '../../shared/classification/classifier.ts';
import { joinDropCaps } from '../../shared/classification/drop-caps.ts';

describe('drop caps in plain text', () => {
  it.each([
    ['a drop cap opening the text', 'K\n\nabul said.', 'Kabul said.'],
    [
      'a capital alone on its line',
      'Intro\n\nI\n\nslamabad is keen to talk.',
      'Intro\n\nIslamabad is keen to talk.',
    ],
    [
      'a spaced capital opening a paragraph',
      'T he minister said.\nT hen he left.',
      'The minister said.\nThen he left.',
    ],
    ['the word I', 'I slept.\nA man came.', 'I slept.\nA man came.'],
    ['a capital inside a line', 'Plan B is ready.', 'Plan B is ready.'],
  ])('%s', (_name, text, expected) => {
    // Act
    const joined = joinDropCaps(text);

    // Assess
    expect(joined).toBe(expected);
  });

  it('lets the classifier read the country a drop cap split', () => {
    // Prepare
    const article = {
      title: 'Talks',
      text: 'K\n\nabul and Islamabad agreed on Monday to reopen the border crossing.',
    };

    // Act
    const codes = createClassifier()
      .classify(article)
      .countries.map((country) => country.code);

    // Assess
    expect(codes).toContain('AF');
  });
});
