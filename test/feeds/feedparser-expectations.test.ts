import { describe, expect, it } from 'vitest';
import {
  evaluate,
  MappedDict,
  NotApplicable,
  parseExpectation,
  splitConjuncts,
  truthy,
} from '../../evals/feedparser-expectations.ts';

const environment = {
  bozo: false,
  feed: new MappedDict({ title: 'Example', language: undefined }, new Set(['title', 'language'])),
  entries: [new MappedDict({ title: 'don\u2019t', tags: [new MappedDict({ term: 'a' })] })],
};

function check(source: string): boolean {
  return truthy(evaluate(parseExpectation(source), environment));
}

describe('feedparser expectations', () => {
  it('evaluates the Python subset used by the suite', () => {
    // Prepare
    const expressions = {
      "not bozo and feed['title'] == u'Example'": true,
      "feed.title == 'Example'": true,
      "entries[0]['title'] == 'don\\u2019t'": true,
      "len(entries) == 1 and entries[0]['tags'][0]['term'] == u'a'": true,
      "entries[0].get('missing', 'x') == 'x' or bozo": NotApplicable,
      "'Exam' in feed['title']": true,
      "feed['title'] != 'Example'": false,
      "ord(entries[0]['title'][3]) == 8217": true,
      '(1, 2) == (1, 2) and [1] != [2] and {} == {}': true,
      'bozo == False and not None': true,
    };

    // Act
    const results = Object.entries(expressions).map(([source]) => {
      try {
        return check(source);
      } catch (error) {
        return (error as Error).constructor;
      }
    });

    // Assess
    expect(results).toEqual(Object.values(expressions));
  });

  it('fails on mapped-but-absent keys and is not applicable on unmapped names', () => {
    // Prepare
    const absent = "feed['language'] == 'en'";
    const unmapped = "feed['title_detail']['type'] == 'text/plain'";

    // Act
    const absentResult = () => check(absent);
    const unmappedResult = () => check(unmapped);

    // Assess
    expect(absentResult).toThrow(/KeyError/);
    expect(unmappedResult).toThrow(NotApplicable);
  });

  it('splits an expectation into its top-level and-terms', () => {
    // Prepare
    const expression = parseExpectation("not bozo and (feed['title'] == 'x' or bozo) and len(entries) == 1");

    // Act
    const terms = splitConjuncts(expression);

    // Assess
    expect(terms).toHaveLength(3);
    expect(terms.map((term) => truthy(evaluate(term, environment)))).toEqual([true, false, true]);
  });
});
