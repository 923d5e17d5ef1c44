import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { AcknowledgementStore } from '../../src/store/acknowledgements.ts';
import { openDatabase } from '../../src/store/database.ts';
import { IncidentStore } from '../../src/store/incident-store.ts';

function open(path = ':memory:') {
  const db = openDatabase(path);
  const store = new IncidentStore(db);
  store.observe('agent', '', [{ id: 'a', payload: '{}' }], 1);
  return { db, acknowledgements: new AcknowledgementStore(db) };
}

describe('AcknowledgementStore', () => {
  it('acknowledges once', () => {
    const { acknowledgements } = open();

    const first = acknowledgements.acknowledge('agent', 'a', 'U1', 10);
    const second = acknowledgements.acknowledge('agent', 'a', 'U2', 20);

    expect(first).toEqual({ outcome: 'changed', current: { userId: 'U1', at: 10 } });
    expect(second).toEqual({ outcome: 'unchanged', current: { userId: 'U1', at: 10 } });
  });

  it('unacknowledges once', () => {
    const { acknowledgements } = open();
    acknowledgements.acknowledge('agent', 'a', 'U1', 10);

    expect(acknowledgements.unacknowledge('agent', 'a').outcome).toBe('changed');
    expect(acknowledgements.unacknowledge('agent', 'a').outcome).toBe('unchanged');
    expect(acknowledgements.get('agent', 'a')).toBeUndefined();
  });

  it('rejects an unknown incident', () => {
    const { acknowledgements } = open();
    expect(acknowledgements.acknowledge('alert', 'a', 'U1', 10).outcome).toBe('unknown_incident');
    expect(acknowledgements.unacknowledge('agent', 'b').outcome).toBe('unknown_incident');
  });

  it('keeps an acknowledgement across connections', () => {
    const path = join(mkdtempSync(join(tmpdir(), 'wifi-acks-')), 'bot.db');
    const first = open(path);
    first.acknowledgements.acknowledge('agent', 'a', 'U1', 10);
    first.db.close();

    const db = openDatabase(path);
    expect(new AcknowledgementStore(db).get('agent', 'a')).toEqual({ userId: 'U1', at: 10 });
    db.close();
  });

  it('ends in one state across connections', () => {
    const path = join(mkdtempSync(join(tmpdir(), 'wifi-acks-')), 'bot.db');
    const first = open(path);
    const second = new AcknowledgementStore(openDatabase(path));

    const results = [first.acknowledgements.acknowledge('agent', 'a', 'U1', 10), second.acknowledge('agent', 'a', 'U2', 11)];

    expect(results.map((result) => result.outcome)).toEqual(['changed', 'unchanged']);
    expect(second.get('agent', 'a')).toEqual({ userId: 'U1', at: 10 });
  });
});
