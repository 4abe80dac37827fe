// The event stream of a node (WS /v1/stream, docs/operations.md §15) with automatic resumption: a private stream
// resumes from the place of the last event delivered (`from=S:I`) or the last heartbeat (`from=S`); heartbeats are
// not delivered, and a connection silent for `staleAfterMs` is dropped and resumed.

/** A message of the stream: an event (with `sequence`, and `index` on a private stream) or a margin warning. */
export type StreamEvent = Record<string, unknown> & { type: string; sequence: number; index?: number };

/** What a stream subscription needs. */
export interface StreamOptions {
  /** The account of a private stream (`0x` and 40 hex digits); the public stream when absent. */
  account?: string;
  /** The last sequence already known; events of later commands are delivered. */
  from?: number;
  /** Receives each event, in order, once. */
  onEvent: (event: StreamEvent) => void;
  /** Receives connection notes. */
  onNote?: (note: string) => void;
  /** Silence after which the connection is dropped and resumed, ms (default 7,000: three heartbeats and a half). */
  staleAfterMs?: number;
  /** The WebSocket constructor (default the global one). */
  webSocket?: typeof WebSocket;
}

const WHOLE = Number.MAX_SAFE_INTEGER;

/** A subscription that reconnects by itself after a dropped or stale connection, without gap or duplicate. */
export class Stream {
  private lastSequence: number;
  private lastIndex = WHOLE;
  private deliveredAtLast = 0;
  private skip = 0;
  private socket: WebSocket | null = null;
  private open = true;
  private lastMessageAt = Date.now();
  private readonly watchdog: ReturnType<typeof setInterval>;
  /** Connections opened (one plus the resumptions). */
  connections = 0;
  /** The latest durable sequence of the node, from the last heartbeat (-1 before one). */
  latest = -1;
  /** The sequence of the last heartbeat: every event up to it has been delivered (-1 before one). */
  confirmed = -1;

  constructor(private readonly baseUrl: string, private readonly options: StreamOptions) {
    this.lastSequence = options.from ?? 0;
    this.connect();
    this.watchdog = setInterval(() => {
      if (this.socket && Date.now() - this.lastMessageAt > (options.staleAfterMs ?? 7_000)) {
        this.note("no heartbeat; resuming");
        this.disconnect();
      }
    }, 1_000);
  }

  /** The sequence of the last event delivered (or of the last heartbeat's safe place on a private stream). */
  get sequence(): number { return this.lastSequence; }

  /** Drops the connection as a network failure would; the subscription resumes by itself. */
  disconnect(): void {
    const socket = this.socket;
    this.socket = null;
    if (socket) {
      socket.close();
      setTimeout(() => this.connect(), 100);
    }
  }

  /** Ends the subscription. */
  close(): void {
    this.open = false;
    clearInterval(this.watchdog);
    this.socket?.close();
    this.socket = null;
  }

  private place(): string {
    if (this.options.account) {
      return this.lastIndex === WHOLE ? `${this.lastSequence}` : `${this.lastSequence}:${this.lastIndex}`;
    }
    this.skip = this.deliveredAtLast;
    return `${this.deliveredAtLast === 0 ? this.lastSequence : this.lastSequence - 1}`;
  }

  private connect(): void {
    if (!this.open || this.socket) return;
    const query = new URLSearchParams({ from: this.place() });
    if (this.options.account) query.set("account", this.options.account);
    else query.set("heartbeat", "true");
    const Ws = this.options.webSocket ?? globalThis.WebSocket;
    const socket = new Ws(`${this.baseUrl.replace(/^http/, "ws")}/v1/stream?${query}`);
    this.socket = socket;
    this.connections++;
    this.lastMessageAt = Date.now();
    socket.onmessage = (message) => {
      if (this.socket !== socket) return;
      this.lastMessageAt = Date.now();
      this.deliver(JSON.parse(String(message.data)) as StreamEvent);
    };
    socket.onclose = () => {
      if (this.socket === socket && this.open) {
        this.socket = null;
        this.note("closed; reconnecting");
        setTimeout(() => this.connect(), 200);
      }
    };
    socket.onerror = () => this.note("connection error");
  }

  private deliver(event: StreamEvent): void {
    if (event.type === "Heartbeat") {
      this.latest = Number(event.latest);
      this.confirmed = Math.max(this.confirmed, event.sequence);
      if (this.options.account && event.sequence > this.lastSequence) {
        this.lastSequence = event.sequence;
        this.lastIndex = WHOLE;
      }
      return;
    }
    if (event.type === "MarginWarning") {
      this.options.onEvent(event);
      return;
    }
    if (this.options.account) {
      const index = event.index ?? 0;
      if (event.sequence < this.lastSequence
        || (event.sequence === this.lastSequence && (this.lastIndex === WHOLE || index <= this.lastIndex))) return;
      this.options.onEvent(event);
      this.lastSequence = event.sequence;
      this.lastIndex = index;
      return;
    }
    if (event.sequence < this.lastSequence) return;
    if (event.sequence === this.lastSequence && this.skip > 0) { this.skip--; return; }
    this.options.onEvent(event);
    if (event.sequence > this.lastSequence) { this.lastSequence = event.sequence; this.deliveredAtLast = 1; }
    else this.deliveredAtLast++;
  }

  private note(text: string): void { this.options.onNote?.(`event stream: ${text}`); }
}

/** Opens a stream of a node. */
export function stream(baseUrl: string, options: StreamOptions): Stream {
  return new Stream(baseUrl.replace(/\/$/, ""), options);
}
