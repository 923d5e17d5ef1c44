export { startFakeSlack } from './fake-web-api.ts';
export type {
  FakeSlack,
  FakeSlackContent,
  FakeSlackEphemeralMessage,
  FakeSlackFailure,
  FakeSlackMessage,
  FakeSlackMetadata,
  FakeSlackOptions,
  SlackCall,
} from './types.ts';
export type { FakeSocketMode, SocketModeAck } from './socket-mode.ts';
