export { openDatabase, type Database } from './database.ts';
export { migrate, readMigrations, MIGRATIONS_DIR, type Migration } from './migrations.ts';
export {
  IncidentStore,
  type IncidentKind,
  type IncidentRecord,
  type IncidentStatus,
  type IncidentState,
  type DiffOutcome,
  type ObservedIncident,
} from './incident-store.ts';
export { PollCursors } from './poll-cursors.ts';
export { IncidentLifecycleStore } from './incident-lifecycle.ts';
export { AcknowledgementStore, type Acknowledgement, type AcknowledgementChange } from './acknowledgements.ts';
export { ActionAudit, type AuditEntry } from './action-audit.ts';
