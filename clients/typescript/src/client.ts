// The HTTP client of a Novation node (docs/operations.md §10, docs/history.md): commands, reads and history pages.
import type { components } from "./generated/openapi.js";

/** A command's result as the node answers it. */
export type CommandResult = components["schemas"]["CommandResult"];
/** A batch's results. */
export type BatchResult = components["schemas"]["BatchResult"];
/** Any command of the node's JSON vocabulary. */
export type Command = components["schemas"]["Command"] | Record<string, unknown>;

/** A node's refusal: the HTTP status and its `{code, message}`. */
export class NovationError extends Error {
  constructor(readonly status: number, readonly code: string, message: string) {
    super(`${status} ${code}: ${message}`);
    this.name = "NovationError";
  }
}

/** One history query: route, time range (epoch ms, `from` included, `to` excluded), subaccount, page size. */
export interface HistoryQuery {
  account?: string;
  kind?: "fills" | "funding" | "liquidations" | "transfers" | "pnl";
  route?: string;
  from: number | bigint;
  to: number | bigint;
  subaccount?: number;
  limit?: number;
}

/** A page of history: its rows, the cursor of the next page (null on the last) and the journal sequence applied. */
export interface HistoryPage<T> { items: T[]; next: string | null; appliedSequence: number }

/** A client of one node's `/v1` API over fetch. */
export class NovationClient {
  readonly baseUrl: string;

  constructor(baseUrl: string) {
    this.baseUrl = baseUrl.replace(/\/$/, "");
  }

  /** A GET of a path; resolves to the JSON body, rejects with a NovationError on another status than 200. */
  async read<T = unknown>(path: string): Promise<T> {
    return this.request<T>("GET", path);
  }

  /** The state summary: sequences, root, chain id, verifying contract and domain separator. */
  state(): Promise<Record<string, unknown>> { return this.read("/v1/state"); }
  /** An account's subaccounts, balances and positions. */
  account(address: string): Promise<Record<string, unknown>> { return this.read(`/v1/accounts/${address}`); }
  /** The perpetual markets. */
  markets(): Promise<Record<string, unknown>[]> { return this.read("/v1/markets"); }
  /** Pending governance actions. */
  governancePending(): Promise<unknown> { return this.read("/v1/governance/pending"); }

  /** Submits one command; a rejection resolves with status "rejected" and its code (never throws for it). */
  async submit(command: Command): Promise<CommandResult & { code?: string }> {
    return this.request("POST", "/v1/commands", command, true);
  }

  /** Submits commands as one batch, sequenced consecutively. */
  async submitBatch(commands: Command[]): Promise<BatchResult> {
    return this.request("POST", "/v1/commands/batch", commands);
  }

  /** One page of a history query. */
  async historyPage<T = Record<string, unknown>>(query: HistoryQuery, cursor?: string): Promise<HistoryPage<T>> {
    const route = query.route ?? `/v1/accounts/${query.account}/history/${query.kind ?? "fills"}`;
    const params = new URLSearchParams({ from: String(query.from), to: String(query.to) });
    if (query.limit !== undefined) params.set("limit", String(query.limit));
    if (query.subaccount !== undefined) params.set("subaccount", String(query.subaccount));
    if (cursor) params.set("cursor", cursor);
    return this.read(`${route}${route.includes("?") ? "&" : "?"}${params}`);
  }

  /** Every row of a history query, page by page, following `next` until it is null. */
  async *history<T = Record<string, unknown>>(query: HistoryQuery): AsyncGenerator<T> {
    let cursor: string | undefined;
    do {
      const page: HistoryPage<T> = await this.historyPage<T>(query, cursor);
      yield* page.items;
      cursor = page.next ?? undefined;
    } while (cursor);
  }

  private async request<T>(method: string, path: string, body?: unknown, rejectionsResolve = false): Promise<T> {
    const response = await fetch(this.baseUrl + path, {
      method,
      headers: body === undefined ? undefined : { "Content-Type": "application/json" },
      body: body === undefined ? undefined : JSON.stringify(body, (_, v) => (typeof v === "bigint" ? v.toString() : v)),
    });
    const text = await response.text();
    let json: unknown = null;
    try { json = text ? JSON.parse(text) : null; } catch { json = null; }
    const parsed = json as { code?: string; message?: string; status?: string } | null;
    if (response.status === 200 || (rejectionsResolve && parsed?.status === "rejected")) {
      return json as T;
    }
    throw new NovationError(response.status, parsed?.code ?? "", parsed?.message ?? text);
  }
}
