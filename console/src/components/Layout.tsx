/** The frame of every page: a skip link, the navigation, who is signed in, and the page's main region. */
import type { ComponentChildren } from 'preact';
import { useEffect, useRef } from 'preact/hooks';
import type { Me } from '../api/types.ts';
import type { Route } from '../routing/hash-route.ts';

const SECTIONS: { hash: string; label: string; pages: Route['page'][]; admin?: boolean }[] = [
  { hash: '#/inbox', label: 'Inbox', pages: ['inbox', 'article', 'articles'] },
  { hash: '#/rules', label: 'Rules', pages: ['rules', 'rule'] },
  { hash: '#/subscriptions', label: 'Subscriptions', pages: ['subscriptions'] },
  { hash: '#/trends', label: 'Trends', pages: ['trends', 'timeline'] },
  { hash: '#/ops', label: 'Ops', pages: ['ops'], admin: true },
];

export function Layout({
  me,
  route,
  title,
  onSignOut,
  children,
}: {
  me: Me;
  route: Route;
  title: string;
  onSignOut: () => void;
  children: ComponentChildren;
}) {
  const main = useRef<HTMLElement>(null);
  // A new page is announced: its title changes and focus moves to its main region.
  useEffect(() => {
    document.title = `${title} · wirewatch`;
    main.current?.focus({ preventScroll: true });
  }, [title]);
  return (
    <>
      {/* A button, not a link to #main: the hash is the route. */}
      <button type="button" class="skip-link" onClick={() => main.current?.focus()}>
        Skip to content
      </button>
      <header class="top">
        <span class="brand">wirewatch</span>
        <nav aria-label="Console">
          <ul>
            {SECTIONS.filter(({ admin }) => !admin || me.admin).map(({ hash, label, pages }) => (
              <li key={hash}>
                <a href={hash} aria-current={pages.includes(route.page) ? 'page' : undefined}>
                  {label}
                </a>
              </li>
            ))}
          </ul>
        </nav>
        <span class="who">
          {me.email}
          {me.admin ? ' (admin)' : ''}
          <button type="button" class="link-button" onClick={onSignOut}>
            Sign out
          </button>
        </span>
      </header>
      <main id="main" ref={main} tabIndex={-1}>
        <h1>{title}</h1>
        {children}
      </main>
    </>
  );
}
