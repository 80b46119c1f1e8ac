/** What a page says while it loads or when a request failed: announced to screen readers as it changes. */
import type { ComponentChildren } from 'preact';
import type { Loaded } from './use-load.ts';

export function ErrorNote({ error }: { error: Error }) {
  return (
    <p class="error" role="alert">
      {error.message}
    </p>
  );
}

export function Loading({ what }: { what: string }) {
  return (
    <p class="muted" role="status">
      Loading {what}…
    </p>
  );
}

/** Renders the loaded value, or the loading or error note in its place. */
export function Show<T>({
  loaded,
  what,
  children,
}: {
  loaded: Loaded<T>;
  what: string;
  children: (value: T) => ComponentChildren;
}) {
  if (loaded.state === 'loading') return <Loading what={what} />;
  if (loaded.state === 'failed') return <ErrorNote error={loaded.error} />;
  return <>{children(loaded.value)}</>;
}
