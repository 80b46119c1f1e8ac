/** An article's pairs and topics as small links to the articles under the same label. */
import { routeHash } from '../routing/hash-route.ts';

export function Labels({ pairs, topics }: { pairs: readonly string[]; topics: readonly string[] }) {
  if (pairs.length === 0 && topics.length === 0) return null;
  return (
    <ul class="labels" aria-label="Labels">
      {pairs.map((pair) => (
        <li key={`pair-${pair}`}>
          <a class="label label-pair" href={routeHash('/articles', { pair })}>
            {pair}
          </a>
        </li>
      ))}
      {topics.map((topic) => (
        <li key={`topic-${topic}`}>
          <a class="label label-topic" href={routeHash('/articles', { topic })}>
            {topic}
          </a>
        </li>
      ))}
    </ul>
  );
}
