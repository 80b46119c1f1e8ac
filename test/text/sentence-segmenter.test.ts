import { describe, expect, it } from 'vitest';
import { sentenceIndexAt, sentenceStarts, sentenceText } from '../../shared/text/sentence-segmenter.ts';

function sentences(text: string): string[] {
  const starts = sentenceStarts(text);
  return starts.map((_, index) => sentenceText(text, starts, index));
}

describe('sentenceStarts', () => {
  it.each([
    ['a full stop', 'Talks ended. Iran said no.', ['Talks ended.', 'Iran said no.']],
    ['a question mark and a quote', 'Why? “We wait,” he said.', ['Why?', '“We wait,” he said.']],
    ['a closing quote', 'He said “no.” Then he left.', ['He said “no.”', 'Then he left.']],
    ['an ellipsis', 'And then… Nothing.', ['And then…', 'Nothing.']],
    [
      'a number before a full stop',
      'Profit rose to 5. The company expects more.',
      ['Profit rose to 5.', 'The company expects more.'],
    ],
    [
      'a capitalised word that is also a state',
      'He fell ill. Doctors came.',
      ['He fell ill.', 'Doctors came.'],
    ],
    ['a blank line', 'Headline\n\nbody text', ['Headline', 'body text']],
    ['an Urdu full stop', 'مذاکرات ختم ہوئے۔ امریکہ نے کہا۔', ['مذاکرات ختم ہوئے۔', 'امریکہ نے کہا۔']],
    ['an Arabic question mark', 'لماذا؟ قال الوزير إن مصر توافق.', ['لماذا؟', 'قال الوزير إن مصر توافق.']],
    ['a Devanagari danda', 'वार्ता खत्म हुई। भारत ने कहा।', ['वार्ता खत्म हुई।', 'भारत ने कहा।']],
    [
      'Chinese full stops, exclamation and question marks without spaces',
      '中美举行会谈。双方同意合作！会谈何时继续？尚未确定。',
      ['中美举行会谈。', '双方同意合作！', '会谈何时继续？', '尚未确定。'],
    ],
    [
      'a Chinese full stop before a closing quote',
      '他说：“我们同意。”会谈结束。',
      ['他说：“我们同意。”', '会谈结束。'],
    ],
    ['an indented line', 'Net profit up\n    Sales rose', ['Net profit up', 'Sales rose']],
    ['a letter without case', 'Talks ended. 北京 said no.', ['Talks ended.', '北京 said no.']],
    [
      'an Arabic full stop',
      'انتهت المحادثات. وقال الوزير إنها مثمرة.',
      ['انتهت المحادثات.', 'وقال الوزير إنها مثمرة.'],
    ],
    ['an Arabic question mark', 'هل تنجح المحادثات؟ الجواب غداً.', ['هل تنجح المحادثات؟', 'الجواب غداً.']],
    [
      'an Urdu full stop',
      'مذاکرات ختم ہو گئے۔ وزیر نے بیان دیا۔',
      ['مذاکرات ختم ہو گئے۔', 'وزیر نے بیان دیا۔'],
    ],
    ['a danda', 'बैठक समाप्त हुई। मंत्री ने बयान दिया।', ['बैठक समाप्त हुई।', 'मंत्री ने बयान दिया।']],
    ['a Chinese full stop without a space', '会谈结束。部长发表了声明。', ['会谈结束。', '部长发表了声明。']],
    [
      'a Chinese question mark and a closing quote',
      '他问：“会谈成功吗？”没有人回答。',
      ['他问：“会谈成功吗？”', '没有人回答。'],
    ],
  ])('starts a sentence after %s', (_, text, expected) => {
    // Prepare: the text
    // Act
    const found = sentences(text);

    // Assess
    expect(found).toEqual(expected);
  });

  it.each([
    ['a full stop and a comma', 'Smith Bros., Widget and Gizmo'],
    ['a dateline', 'LOS ANGELES, Calif., March 2 - The company said'],
    ['a state abbreviation', 'They met in Springfield, Ill. Lawmakers came.'],
    ['a number', 'It costs Rs. 500 million.'],
    ['a title', 'Gen. Munir met Mr. Dar.'],
    ['initials', 'He met U.S. officials and J. Smith.'],
    ['a lower-case word', 'Talks went well! e.g. more.'],
    ['a full stop inside a word', 'Visit example.com Today.'],
  ])('starts none after %s', (_, text) => {
    // Prepare: the text
    // Act
    const starts = sentenceStarts(text);

    // Assess
    expect(starts).toEqual([0]);
  });

  it('ends a sentence once after a run of punctuation, starting the next after its white space', () => {
    // Prepare
    const text = 'Wait!?!... Then it rained?! So what.';

    // Act
    const found = sentences(text);

    // Assess
    expect(found).toEqual(['Wait!?!...', 'Then it rained?!', 'So what.']);
  });

  it('reads 20,000 full stops with no sentence after them as one sentence', () => {
    // Prepare: once 20,000 attempts at a boundary, each rescanning the run (8 s)
    const text = `Talks ended${'.'.repeat(20_000)}x`;

    // Act
    const starts = sentenceStarts(text);

    // Assess
    expect(starts).toEqual([0]);
  });

  it('always starts a sentence at a forced boundary', () => {
    // Prepare
    const text = 'Title\n\nBody. More.';

    // Act
    const starts = sentenceStarts(text, [5, 7]);

    // Assess
    expect(starts).toEqual([0, 5, 7, 13]);
  });
});

describe('sentenceIndexAt', () => {
  it('finds the sentence holding an offset', () => {
    // Prepare
    const text = 'One. Two. Three.';
    const starts = sentenceStarts(text);

    // Act
    const indexes = [0, 3, 5, 9, 10, 15].map((offset) => sentenceIndexAt(starts, offset));

    // Assess
    expect(indexes).toEqual([0, 0, 1, 1, 2, 2]);
  });
});
