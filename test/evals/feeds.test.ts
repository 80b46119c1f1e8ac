/** The feedparser-suite eval: per-file pass rate, unparsable expectations, and the bare `not bozo` line. */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { scoreFeedparserSuite } from '../../evals/feeds.ts';

const RSS = `<rss version="2.0"><channel><title>Example</title><link>http://example.com/</link>
<item><title>First</title><link>http://example.com/1</link></item></channel></rss>`;

/** A suite folder `wellformed/` holding one RSS file per expectation. */
function suiteWith(expectations: Record<string, string>): string {
  const suiteDir = mkdtempSync(join(tmpdir(), 'feedparser-suite-'));
  mkdirSync(join(suiteDir, 'wellformed'));
  for (const [name, expect] of Object.entries(expectations)) {
    writeFileSync(join(suiteDir, 'wellformed', `${name}.xml`), `<!--\nExpect: ${expect}\n-->\n${RSS}`);
  }
  return suiteDir;
}

let suiteDir = '';
afterEach(() => rmSync(suiteDir, { recursive: true, force: true }));

describe('scoreFeedparserSuite', () => {
  it('rates files over those whose expectation tests a field wirewatch produces, all checks passing', () => {
    // Prepare
    suiteDir = suiteWith({
      passes: "not bozo and feed['title'] == 'Example' and entries[0]['link'] == 'http://example.com/1'",
      'one check fails': "not bozo and feed['title'] == 'Example' and entries[0]['title'] == 'Second'",
      'not produced': "not bozo and feed['title_detail']['type'] == 'text/plain'",
      'tests nothing': '1',
    });

    // Act
    const { folders, failures } = scoreFeedparserSuite(suiteDir);

    // Assess
    expect(folders.wellformed).toEqual({ files: 4, applicable: 2, passed: 1, crashed: 0, unparsable: 0 });
    expect(failures).toHaveLength(1);
    expect(failures[0]).toContain('one check fails.xml');
  });

  it('counts an expectation it cannot parse as a failed file', () => {
    // Prepare
    suiteDir = suiteWith({ garbled: "not bozo and feed['title' ==" });

    // Act
    const { folders, failures } = scoreFeedparserSuite(suiteDir);

    // Assess
    expect(folders.wellformed).toEqual({ files: 1, applicable: 1, passed: 0, crashed: 0, unparsable: 1 });
    expect(failures[0]).toMatch(/garbled\.xml: cannot parse/);
  });

  it('keeps the bare not-bozo check on its own line, out of the folder rate', () => {
    // Prepare
    suiteDir = suiteWith({
      'only not bozo': 'not bozo',
      'not bozo and a field': "not bozo and feed['title'] == 'Example'",
    });

    // Act
    const { folders, notBozo } = scoreFeedparserSuite(suiteDir);

    // Assess
    expect(notBozo).toEqual({ files: 2, passed: 2 });
    expect(folders.wellformed?.applicable).toBe(1);
  });

  it("reads the suite's string concatenation", () => {
    // Prepare
    suiteDir = suiteWith({ concatenated: "feed['title'] == 'Exa' + 'mple'" });

    // Act
    const { folders } = scoreFeedparserSuite(suiteDir);

    // Assess
    expect(folders.wellformed).toEqual({ files: 1, applicable: 1, passed: 1, crashed: 0, unparsable: 0 });
  });
});
