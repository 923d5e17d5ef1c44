import { describe, expect, it } from 'vitest';
import { ActionAudit } from '../../src/store/action-audit.ts';
import { openDatabase } from '../../src/store/database.ts';

describe('ActionAudit', () => {
  it('stores every field', () => {
    const audit = new ActionAudit(openDatabase(':memory:'));
    const entry = {
      at: 10,
      userId: 'U1',
      action: 'incident_resolve',
      kind: 'alert' as const,
      incidentId: 'a',
      channel: 'C1',
      messageTs: '1.000100',
      result: 'failed',
      detail: 'server_error: HTTP 500',
    };

    audit.record(entry);

    expect(audit.latest()).toEqual([entry]);
  });

  it('stores a click without an incident', () => {
    const audit = new ActionAudit(openDatabase(':memory:'));
    audit.record({ at: 10, userId: 'U1', action: 'incident_other', result: 'out_of_date' });
    expect(audit.latest()).toEqual([{ at: 10, userId: 'U1', action: 'incident_other', result: 'out_of_date' }]);
  });

  it('returns the latest entries oldest first', () => {
    const audit = new ActionAudit(openDatabase(':memory:'));
    for (const at of [1, 2, 3]) {
      audit.record({ at, userId: 'U1', action: 'incident_acknowledge', result: 'acknowledged' });
    }
    expect(audit.latest(2).map((entry) => entry.at)).toEqual([2, 3]);
  });

  it('cuts a long detail', () => {
    const audit = new ActionAudit(openDatabase(':memory:'));
    audit.record({ at: 1, userId: 'U1', action: 'incident_resolve', result: 'failed', detail: 'x'.repeat(5000) });
    expect(audit.latest()[0]!.detail).toHaveLength(1000);
  });
});
