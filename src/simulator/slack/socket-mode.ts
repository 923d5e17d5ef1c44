import { randomUUID } from 'node:crypto';
import type { Server } from 'node:http';
import { WebSocketServer, type WebSocket } from 'ws';

/** Path of the fake's Socket Mode WebSocket endpoint. */
export const SOCKET_MODE_PATH = '/socket-mode';

/** What the app sent back for one envelope. */
export interface SocketModeAck {
  envelope_id: string;
  payload?: unknown;
}

/** The Socket Mode side of the fake Slack: sends envelopes to the connected app, records its acks. */
export interface FakeSocketMode {
  /** Number of apps connected now. */
  connections(): number;
  /** Waits until an app is connected. */
  waitForConnection(timeoutMs?: number): Promise<void>;
  /** Sends an envelope such as `slash_commands` or `interactive` and waits for the app's ack. */
  send(type: string, payload: Record<string, unknown>, timeoutMs?: number): Promise<SocketModeAck>;
  close(): Promise<void>;
}

/**
 * Serves Socket Mode WebSocket connections on `server` at SOCKET_MODE_PATH. Each connection gets
 * `hello` at once, as Slack sends it; envelopes carry an id that the app acknowledges.
 */
export function attachSocketMode(server: Server): FakeSocketMode {
  const wss = new WebSocketServer({ noServer: true });
  const sockets = new Set<WebSocket>();
  const pendingAcks = new Map<string, (ack: SocketModeAck) => void>();
  const connectionWaiters: Array<() => void> = [];

  server.on('upgrade', (request, socket, head) => {
    if (!request.url?.startsWith(SOCKET_MODE_PATH)) {
      socket.destroy();
      return;
    }
    wss.handleUpgrade(request, socket, head, (ws) => wss.emit('connection', ws));
  });

  wss.on('connection', (ws) => {
    sockets.add(ws);
    ws.on('close', () => sockets.delete(ws));
    ws.on('message', (data) => {
      const ack = JSON.parse(String(data)) as SocketModeAck;
      pendingAcks.get(ack.envelope_id)?.(ack);
      pendingAcks.delete(ack.envelope_id);
    });
    ws.send(JSON.stringify({ type: 'hello', num_connections: sockets.size, connection_info: { app_id: 'A0000FAKE' } }));
    connectionWaiters.splice(0).forEach((resolve) => resolve());
  });

  return {
    connections: () => sockets.size,
    waitForConnection(timeoutMs = 5000) {
      if (sockets.size > 0) {
        return Promise.resolve();
      }
      return new Promise((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error(`No Socket Mode connection within ${timeoutMs} ms`)), timeoutMs);
        connectionWaiters.push(() => {
          clearTimeout(timer);
          resolve();
        });
      });
    },
    send(type, payload, timeoutMs = 5000) {
      const [socket] = sockets;
      if (socket === undefined) {
        return Promise.reject(new Error('No app is connected over Socket Mode'));
      }
      const envelopeId = randomUUID();
      return new Promise((resolve, reject) => {
        const timer = setTimeout(() => {
          pendingAcks.delete(envelopeId);
          reject(new Error(`The app did not acknowledge envelope ${envelopeId} within ${timeoutMs} ms`));
        }, timeoutMs);
        pendingAcks.set(envelopeId, (ack) => {
          clearTimeout(timer);
          resolve(ack);
        });
        socket.send(JSON.stringify({ envelope_id: envelopeId, type, payload, accepts_response_payload: type === 'slash_commands' }));
      });
    },
    close() {
      for (const socket of sockets) {
        socket.terminate();
      }
      return new Promise((resolve) => wss.close(() => resolve()));
    },
  };
}
