/** The period a trends view covers, as two dates (UTC days); empty means the API's default period. */
import { useState } from 'preact/hooks';

export function PeriodForm({
  since,
  until,
  onChange,
}: {
  since: string;
  until: string;
  onChange: (period: { since: string; until: string }) => void;
}) {
  const [draft, setDraft] = useState({ since, until });
  return (
    <form
      class="filters"
      aria-label="Period"
      onSubmit={(event) => {
        event.preventDefault();
        onChange(draft);
      }}
    >
      <label>
        From
        <input
          type="date"
          value={draft.since}
          onInput={(event) => setDraft({ ...draft, since: event.currentTarget.value })}
        />
      </label>
      <label>
        To
        <input
          type="date"
          value={draft.until}
          onInput={(event) => setDraft({ ...draft, until: event.currentTarget.value })}
        />
      </label>
      <button type="submit">Show</button>
    </form>
  );
}
