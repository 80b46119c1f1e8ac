/** Lenient parsing of Reuters-21578 SGML for the eval: entities, control characters, missing parts. */
import { describe, expect, it } from 'vitest';
import { parseReutersSgml } from '../../evals/reuters.ts';

const SGML = `<!DOCTYPE lewis SYSTEM "lewis.dtd">
<REUTERS TOPICS="YES" NEWID="7">
<PLACES><D>usa</D><D>west-germany</D></PLACES>
<TEXT>&#2;
<TITLE>BONN &amp; WASHINGTON &lt;AGREE&gt;</TITLE>
<DATELINE>    BONN, March 3 - </DATELINE><BODY>West Germany and the U.S. agreed.
 Reuter
&#3;</BODY></TEXT>
</REUTERS>
<REUTERS NEWID="8"><PLACES></PLACES><TEXT TYPE="BRIEF"><TITLE>NO BODY</TITLE></TEXT></REUTERS>`;

describe('parseReutersSgml', () => {
  it('reads title, dateline plus body, and places, decoding entities and dropping control characters', () => {
    // Prepare
    const source = SGML;

    // Act
    const [story, brief] = parseReutersSgml(source);

    // Assess
    expect(story).toEqual({
      id: '7',
      title: 'BONN & WASHINGTON <AGREE>',
      text: '    BONN, March 3 - West Germany and the U.S. agreed.\n Reuter\n',
      places: ['usa', 'west-germany'],
    });
    expect(brief).toEqual({ id: '8', title: 'NO BODY', text: '', places: [] });
  });
});
