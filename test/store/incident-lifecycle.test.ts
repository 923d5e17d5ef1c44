import { describe, expect, it } from 'vitest';
import { openDatabase } from '../../src/store/database.ts';
import { IncidentLifecycleStore } from '../../src/store/incident-lifecycle.ts';
import { IncidentStore, type ObservedIncident } from '../../src/store/incident-store.ts';

function open() {
  const db = openDatabase(':memory:');
  return { db, store: new IncidentStore(db), lifecycle: new IncidentLifecycleStore(db) };
}

function observed(id: string, state: ObservedIncident['state'], fingerprint: string): ObservedIncident {
  return { id, payload: JSON.stringify({ id, state, fingerprint }), state, fingerprint };
}

describe('IncidentStore lifecycle columns', () => {
  it('stores state and fingerprint', () => {
    const { store } = open();
    store.observe('agent', '', [observed('a', 'recovered', 'f1')], 1);
    expect(store.get('agent', 'a')).toMatchObject({ state: 'recovered', announcedState: 'open', fingerprint: 'f1', shownFingerprint: null });
  });

  it('records the shown state on post', () => {
    const { store } = open();
    store.observe('agent', '', [observed('a', 'recovered', 'f1')], 1);
    store.markPosted('agent', 'a', 'C1', '1.000100', 2, { state: 'recovered', fingerprint: 'f1' });
    expect(store.get('agent', 'a')).toMatchObject({ announcedState: 'recovered', shownFingerprint: 'f1' });
  });

  it('updates state when the payload is unchanged', () => {
    const { store } = open();
    store.observe('agent', '', [{ id: 'a', payload: '{}', state: 'open', fingerprint: 'f' }], 1);
    store.observe('agent', '', [{ id: 'a', payload: '{}', state: 'recovered', fingerprint: 'f' }], 2);
    expect(store.get('agent', 'a')?.state).toBe('recovered');
  });

  it('adopts the fingerprint of old messages', () => {
    const { store, lifecycle } = open();
    store.observe('agent', '', [{ id: 'a', payload: '{}' }], 1);
    store.markPosted('agent', 'a', 'C1', '1.000100', 2);

    store.observe('agent', '', [observed('a', 'open', 'f1')], 3);

    expect(store.get('agent', 'a')?.shownFingerprint).toBe('f1');
    expect(lifecycle.outdated()).toEqual([]);
  });
});

describe('IncidentLifecycleStore', () => {
  it('lists unannounced changes of posted incidents', () => {
    const { store, lifecycle } = open();
    store.observe('agent', '', [observed('posted', 'open', 'f'), observed('pending', 'open', 'f')], 1);
    store.markPosted('agent', 'posted', 'C1', '1.000100', 2, { state: 'open', fingerprint: 'f' });

    store.observe('agent', '', [observed('posted', 'recovered', 'g'), observed('pending', 'recovered', 'g')], 3);

    expect(lifecycle.unannounced().map((record) => record.id)).toEqual(['posted']);
    expect(lifecycle.outdated()).toEqual([]);
  });

  it('stops listing an announced change', () => {
    const { store, lifecycle } = open();
    store.observe('alert', '', [observed('a', 'open', 'f')], 1);
    store.markPosted('alert', 'a', 'C1', '1.000100', 2, { state: 'open', fingerprint: 'f' });
    store.observe('alert', '', [observed('a', 'resolved', 'g')], 3);

    lifecycle.markAnnounced('alert', 'a', 'resolved', 'g');

    expect(lifecycle.unannounced()).toEqual([]);
    expect(store.get('alert', 'a')).toMatchObject({ announcedState: 'resolved', shownFingerprint: 'g' });
  });

  it('lists messages with changed data', () => {
    const { store, lifecycle } = open();
    store.observe('agent', '', [observed('a', 'open', 'f')], 1);
    store.markPosted('agent', 'a', 'C1', '1.000100', 2, { state: 'open', fingerprint: 'f' });
    store.observe('agent', '', [observed('a', 'open', 'g')], 3);

    expect(lifecycle.outdated().map((record) => record.id)).toEqual(['a']);

    lifecycle.markShown('agent', 'a', 'g');
    expect(lifecycle.outdated()).toEqual([]);
  });

  it('lists a stale message again', () => {
    const { store, lifecycle } = open();
    store.observe('agent', '', [observed('a', 'open', 'f')], 1);
    store.markPosted('agent', 'a', 'C1', '1.000100', 2, { state: 'open', fingerprint: 'f' });

    lifecycle.markStale('agent', 'a');
    store.observe('agent', '', [observed('a', 'open', 'f')], 3);

    expect(lifecycle.outdated().map((record) => record.id)).toEqual(['a']);
  });

  it('moves an incident to a new message', () => {
    const { store, lifecycle } = open();
    store.observe('agent', '', [observed('a', 'open', 'f')], 1);
    store.markPosted('agent', 'a', 'C1', '1.000100', 2);

    lifecycle.moveMessage('agent', 'a', 'C2', '2.000200');

    expect(store.get('agent', 'a')).toMatchObject({ channel: 'C2', ts: '2.000200' });
  });

  it('keeps who resolved on a later resolution', () => {
    const { store, lifecycle } = open();
    store.observe('alert', '', [observed('a', 'open', 'f')], 1);

    lifecycle.markResolved('alert', 'a', { payload: '{"resolvedAt":5}', fingerprint: 'g', userId: 'U1', at: 5 });
    lifecycle.markResolved('alert', 'a', { payload: '{"resolvedAt":6}', fingerprint: 'h' });

    expect(store.get('alert', 'a')).toMatchObject({
      state: 'resolved',
      payload: '{"resolvedAt":6}',
      fingerprint: 'h',
      resolvedBy: 'U1',
      resolvedByAt: 5,
    });
  });
});
