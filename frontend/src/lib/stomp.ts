import { Client, type IFrame } from '@stomp/stompjs';
import SockJS from 'sockjs-client';

import { accessToken } from './auth';

/** Where the hub's STOMP endpoint lives (SockJS), relative to the page. */
export const STOMP_ENDPOINT = '/ws';

export type ConnectionState = 'connecting' | 'connected' | 'disconnected';

export interface ResumableSubscriptionOptions {
  /** The STOMP destination, e.g. `/topic/jobs.42`. */
  destination: string;
  /** The `last-seq` header to send on every (re)subscribe: the highest seq the caller has. */
  lastSeq: () => number;
  /** Called with each MESSAGE body, in arrival order. */
  onMessage: (body: string) => void;
  onStateChange: (state: ConnectionState) => void;
}

const RECONNECT_DELAY_MS = 2000;
const HEARTBEAT_MS = 10000;

/** The body of the hub's last ERROR frame when it ends a connection on purpose. */
interface DisconnectNotice {
  type: 'disconnect';
  reason: string;
  reconnect_after_ms?: number;
}

function disconnectNotice(body: string): DisconnectNotice | null {
  try {
    const notice = JSON.parse(body) as Partial<DisconnectNotice>;
    return notice.type === 'disconnect' && typeof notice.reason === 'string' ? (notice as DisconnectNotice) : null;
  } catch {
    return null;
  }
}

/**
 * Opens a STOMP connection over SockJS and keeps one subscription on it. After a dropped
 * connection it reconnects and subscribes again with `last-seq` = the caller's highest seq, so the
 * hub replays exactly what was missed; when the hub said when to come back (`server_shutdown`), it
 * waits that long. Critical events (header `ack-id`) are acknowledged on receipt. Returns a
 * function that closes the connection.
 */
export function subscribeResumable(options: ResumableSubscriptionOptions): () => void {
  const { destination, lastSeq, onMessage, onStateChange } = options;
  const client = new Client({
    webSocketFactory: () => new SockJS(STOMP_ENDPOINT),
    reconnectDelay: RECONNECT_DELAY_MS,
    heartbeatIncoming: HEARTBEAT_MS,
    heartbeatOutgoing: HEARTBEAT_MS,
    beforeConnect: async () => {
      onStateChange('connecting');
      // A fresh token on every (re)connect: a connection whose token expired is closed by the hub.
      client.connectHeaders = { Authorization: `Bearer ${await accessToken()}` };
    },
    onConnect: () => {
      onStateChange('connected');
      client.reconnectDelay = RECONNECT_DELAY_MS;
      client.subscribe(
        destination,
        (message) => {
          const ackId = message.headers['ack-id'];
          if (ackId !== undefined) {
            client.publish({ destination: '/app/ack', body: JSON.stringify({ ack_id: ackId }) });
          }
          onMessage(message.body);
        },
        { 'last-seq': String(lastSeq()) },
      );
    },
    onWebSocketClose: () => onStateChange('disconnected'),
    onStompError: (frame: IFrame) => {
      const notice = disconnectNotice(frame.body);
      if (notice?.reconnect_after_ms !== undefined) {
        client.reconnectDelay = notice.reconnect_after_ms;
      }
      console.warn(`STOMP error on ${destination}: ${frame.headers['message'] ?? ''} ${frame.body}`);
    },
  });
  client.activate();
  return () => {
    void client.deactivate();
  };
}
