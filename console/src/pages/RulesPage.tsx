/** Every rule, whose ever it is; the analyst edits or deletes their own (an admin, any). */
import { useState } from 'preact/hooks';
import type { ConsoleApi } from '../api/console-api.ts';
import type { Me, Rule } from '../api/types.ts';
import { ErrorNote, Show } from '../components/Status.tsx';
import { useLoad } from '../components/use-load.ts';
import { routeHash } from '../routing/hash-route.ts';
import { formatDateTime } from '../text/dates.ts';

export function RulesPage({ api, me }: { api: ConsoleApi; me: Me }) {
  const [rules, reload] = useLoad(() => api.listRules(), []);
  const [error, setError] = useState<Error | null>(null);
  const remove = async (rule: Rule) => {
    if (!window.confirm(`Delete the rule “${rule.name}”? Its subscribers get no more alerts from it.`))
      return;
    try {
      await api.deleteRule(rule.id);
      setError(null);
      reload();
    } catch (failure) {
      setError(failure as Error);
    }
  };
  return (
    <>
      <p>
        <a class="button" href="#/rules/new">
          Write a new rule
        </a>
      </p>
      {error !== null && <ErrorNote error={error} />}
      <Show loaded={rules} what="rules">
        {({ rules: list }) => (
          <table>
            <caption class="visually-hidden">Rules</caption>
            <thead>
              <tr>
                <th scope="col">Name</th>
                <th scope="col">Query</th>
                <th scope="col">Owner</th>
                <th scope="col">Created</th>
                <th scope="col">Actions</th>
              </tr>
            </thead>
            <tbody>
              {list.map((rule) => (
                <tr key={rule.id}>
                  <th scope="row">
                    <a href={`#/rules/${encodeURIComponent(rule.id)}`}>{rule.name}</a>
                  </th>
                  <td>
                    <code>{rule.query}</code>
                  </td>
                  <td>{rule.mine ? 'you' : rule.owner}</td>
                  <td>{formatDateTime(rule.createdAt)}</td>
                  <td class="actions">
                    <a href={routeHash('/subscriptions', { kind: 'rule', value: rule.id })}>Subscribe</a>
                    <a href={routeHash('/inbox', { rule: rule.id })}>Alerts</a>
                    {(rule.mine || me.admin) && (
                      <button type="button" class="link-button" onClick={() => remove(rule)}>
                        Delete<span class="visually-hidden"> {rule.name}</span>
                      </button>
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </Show>
    </>
  );
}
