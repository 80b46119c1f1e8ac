/**
 * The analyst's subscriptions, by the email their sign-in carries: to a rule, a pair or a topic, each
 * sent at once or in the daily digest. SNS asks the address to confirm a new subscription first;
 * until then it shows as pending.
 */
import { useState } from 'preact/hooks';
import type { ConsoleApi } from '../api/console-api.ts';
import type { Delivery, Me, Rule, Subscription, SubscriptionKind } from '../api/types.ts';
import { ErrorNote, Show } from '../components/Status.tsx';
import { useLoad } from '../components/use-load.ts';

const KINDS: SubscriptionKind[] = ['rule', 'pair', 'topic'];

function targetText(subscription: Subscription, rules: readonly Rule[]): string {
  const { kind, value } = subscription.target;
  if (kind === 'rule') return `Rule “${rules.find(({ id }) => id === value)?.name ?? value}”`;
  return `${kind === 'pair' ? 'Pair' : 'Topic'} ${value}`;
}

export function SubscriptionsPage({
  api,
  me,
  filters,
}: {
  api: ConsoleApi;
  me: Me;
  filters: Record<string, string>;
}) {
  const [subscriptions, reload] = useLoad(() => api.listSubscriptions(), []);
  const [rules] = useLoad(() => api.listRules(), []);
  const [kind, setKind] = useState<SubscriptionKind>(
    KINDS.includes(filters.kind as SubscriptionKind) ? (filters.kind as SubscriptionKind) : 'rule',
  );
  const [value, setValue] = useState(filters.value ?? '');
  const [delivery, setDelivery] = useState<Delivery>('immediate');
  const [error, setError] = useState<Error | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const ruleList = rules.state === 'done' ? rules.value.rules : [];

  const subscribe = async (event: Event) => {
    event.preventDefault();
    setError(null);
    try {
      const created = await api.subscribe({ kind, value: value.trim() }, delivery);
      setNotice(
        created.status === 'pending'
          ? `Subscribed. Confirm it from the email sent to ${me.email}.`
          : `Subscribed: ${targetText(created, ruleList)}.`,
      );
      reload();
    } catch (failure) {
      setError(failure as Error);
    }
  };
  const unsubscribe = async (subscription: Subscription) => {
    setError(null);
    try {
      await api.unsubscribe(subscription.id);
      setNotice(`Unsubscribed from ${targetText(subscription, ruleList)}.`);
      reload();
    } catch (failure) {
      setError(failure as Error);
    }
  };

  return (
    <>
      <p>Alerts go to {me.email}.</p>
      <div aria-live="polite">{notice !== null && <p class="success">{notice}</p>}</div>
      {error !== null && <ErrorNote error={error} />}
      <Show loaded={subscriptions} what="subscriptions">
        {({ subscriptions: list }) =>
          list.length === 0 ? (
            <p>No subscriptions yet.</p>
          ) : (
            <table>
              <caption class="visually-hidden">Your subscriptions</caption>
              <thead>
                <tr>
                  <th scope="col">To</th>
                  <th scope="col">Delivery</th>
                  <th scope="col">State</th>
                  <th scope="col">Actions</th>
                </tr>
              </thead>
              <tbody>
                {list.map((subscription) => (
                  <tr key={subscription.id}>
                    <th scope="row">{targetText(subscription, ruleList)}</th>
                    <td>{subscription.delivery === 'immediate' ? 'Each alert at once' : 'Daily digest'}</td>
                    <td>
                      {subscription.status === 'confirmed' ? (
                        'Confirmed'
                      ) : (
                        <span class="pending">Pending: confirm from the email</span>
                      )}
                    </td>
                    <td>
                      <button type="button" class="link-button" onClick={() => unsubscribe(subscription)}>
                        Unsubscribe
                        <span class="visually-hidden"> from {targetText(subscription, ruleList)}</span>
                      </button>
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          )
        }
      </Show>
      <h2>Subscribe</h2>
      <form class="subscribe-form" onSubmit={subscribe}>
        <fieldset>
          <legend>To</legend>
          <label>
            Kind
            <select
              value={kind}
              onChange={(event) => {
                setKind(event.currentTarget.value as SubscriptionKind);
                setValue('');
              }}
            >
              <option value="rule">A rule</option>
              <option value="pair">A country pair</option>
              <option value="topic">A topic</option>
            </select>
          </label>
          {kind === 'rule' ? (
            <label>
              Rule
              <select value={value} required onChange={(event) => setValue(event.currentTarget.value)}>
                <option value="">Choose a rule</option>
                {ruleList.map((rule) => (
                  <option key={rule.id} value={rule.id}>
                    {rule.name}
                  </option>
                ))}
              </select>
            </label>
          ) : (
            <label>
              {kind === 'pair' ? 'Pair (two country codes, e.g. PK-US)' : 'Topic (e.g. security)'}
              <input
                value={value}
                required
                pattern={kind === 'pair' ? '[A-Za-z]{2}-[A-Za-z]{2}' : undefined}
                onInput={(event) => setValue(event.currentTarget.value)}
              />
            </label>
          )}
        </fieldset>
        <fieldset>
          <legend>Delivery</legend>
          <label class="inline">
            <input
              type="radio"
              name="delivery"
              value="immediate"
              checked={delivery === 'immediate'}
              onChange={() => setDelivery('immediate')}
            />
            Each alert at once
          </label>
          <label class="inline">
            <input
              type="radio"
              name="delivery"
              value="digest"
              checked={delivery === 'digest'}
              onChange={() => setDelivery('digest')}
            />
            Daily digest
          </label>
        </fieldset>
        <button type="submit" class="primary">
          Subscribe
        </button>
      </form>
    </>
  );
}
