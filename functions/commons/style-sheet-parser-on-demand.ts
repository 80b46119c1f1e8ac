/**
 * What the Lambda bundles give linkedom for `cssomnom/parse` (an esbuild alias, BUNDLE_ALIASES in
 * infra/constructs/pipeline-function.ts): the same `parse`, but cssomnom's 190 KB module is evaluated
 * on the first call instead of at every cold start. linkedom calls it only when code reads a <style>
 * element's `sheet`, which extraction never does; evaluating it cost fetch-article about an eighth of
 * its cold import (docs/performance.md).
 */

type ParseStyleSheet = (text: string) => unknown;

let parseStyleSheet: ParseStyleSheet | undefined;

export function parse(text: string): unknown {
  // esbuild bundles this require as a lazily evaluated module. The relative path reaches the file
  // behind the aliased specifier, which an alias-free import of `cssomnom/parse` would be.
  parseStyleSheet ??= (require('../../node_modules/cssomnom/dist/parse.js') as { parse: ParseStyleSheet })
    .parse;
  return parseStyleSheet(text);
}
