/** The console: who is signed in, then the page the address names. */
import type { ComponentChildren } from 'preact';
import { ApiError, type ConsoleApi } from './api/console-api.ts';
import type { Me } from './api/types.ts';
import type { Session } from './auth/session.ts';
import { Layout } from './components/Layout.tsx';
import { ErrorNote, Loading } from './components/Status.tsx';
import { useLoad } from './components/use-load.ts';
import { ArticlePage } from './pages/ArticlePage.tsx';
import { ArticlesPage } from './pages/ArticlesPage.tsx';
import { InboxPage } from './pages/InboxPage.tsx';
import { OpsPage } from './pages/OpsPage.tsx';
import { RuleEditorPage } from './pages/RuleEditorPage.tsx';
import { RulesPage } from './pages/RulesPage.tsx';
import { SignInPage } from './pages/SignInPage.tsx';
import { SubscriptionsPage } from './pages/SubscriptionsPage.tsx';
import { TimelinePage } from './pages/TimelinePage.tsx';
import { TrendsPage } from './pages/TrendsPage.tsx';
import type { Route } from './routing/hash-route.ts';
import { useHashRoute } from './routing/use-hash-route.ts';

/** A filtered page starts afresh (its form, its loaded pages) whenever its filters change. */
const filtersKey = (filters: Record<string, string>) => new URLSearchParams(filters).toString();

function page(route: Route, api: ConsoleApi, me: Me): { title: string; body: ComponentChildren } {
  switch (route.page) {
    case 'inbox':
      return {
        title: 'Inbox',
        body: <InboxPage key={filtersKey(route.filters)} api={api} filters={route.filters} />,
      };
    case 'article':
      return { title: 'Article', body: <ArticlePage api={api} articleId={route.articleId} /> };
    case 'articles':
      return {
        title: 'Articles',
        body: <ArticlesPage key={filtersKey(route.filters)} api={api} filters={route.filters} />,
      };
    case 'rules':
      return { title: 'Rules', body: <RulesPage api={api} me={me} /> };
    case 'rule':
      return {
        title: route.ruleId === null ? 'New rule' : 'Rule',
        body: (
          <RuleEditorPage
            key={route.ruleId ?? 'new'}
            api={api}
            me={me}
            ruleId={route.ruleId}
            filters={route.filters}
          />
        ),
      };
    case 'subscriptions':
      return {
        title: 'Subscriptions',
        body: <SubscriptionsPage api={api} me={me} filters={route.filters} />,
      };
    case 'trends':
      return {
        title: 'Trends',
        body: <TrendsPage key={filtersKey(route.filters)} api={api} filters={route.filters} />,
      };
    case 'timeline':
      return {
        title: `Timeline ${route.pair}`,
        body: (
          <TimelinePage
            key={`${route.pair}?${filtersKey(route.filters)}`}
            api={api}
            pair={route.pair}
            filters={route.filters}
          />
        ),
      };
    case 'ops':
      return me.admin
        ? { title: 'Operations', body: <OpsPage api={api} /> }
        : { title: 'Operations', body: <p role="alert">The operations view is for the admins group.</p> };
    case 'not-found':
      return {
        title: 'Not found',
        body: (
          <p>
            There is no page at {route.hash}. <a href="#/inbox">Go to the inbox</a>
          </p>
        ),
      };
  }
}

export function App({ api, session }: { api: ConsoleApi; session: Session }) {
  const route = useHashRoute();
  const [me] = useLoad(() => api.me(), []);
  if (me.state === 'loading')
    return (
      <main id="main">
        <Loading what="your account" />
      </main>
    );
  if (me.state === 'failed') {
    const { error } = me;
    if (error instanceof ApiError && error.status === 401) {
      return (
        <SignInPage
          session={session}
          reason={error.code === 'signed-out' ? null : 'Your sign-in is no longer valid.'}
        />
      );
    }
    return (
      <main id="main">
        <h1>wirewatch</h1>
        <ErrorNote error={error} />
      </main>
    );
  }
  const { title, body } = page(route, api, me.value);
  return (
    <Layout me={me.value} route={route} title={title} onSignOut={() => session.signOut()}>
      {body}
    </Layout>
  );
}
