import type { DoStorage } from '../store/do-sql.ts';

/**
 * The few Workers runtime types the entry uses, declared structurally so the code
 * type-checks with Node's types (the runtime provides the real objects).
 */
export interface DurableObjectStub {
  fetch(input: string | Request, init?: RequestInit): Promise<Response>;
}

export interface DurableObjectNamespace {
  idFromName(name: string): unknown;
  get(id: unknown): DurableObjectStub;
}

export interface DurableObjectState {
  readonly storage: DoStorage & {
    getAlarm(): Promise<number | null>;
    setAlarm(at: number): Promise<void>;
  };
  blockConcurrencyWhile<T>(fn: () => Promise<T>): Promise<T>;
  /** Keeps work going after the response (building the bot after an early challenge answer). */
  waitUntil?(promise: Promise<unknown>): void;
}

export interface ExecutionContext {
  waitUntil(promise: Promise<unknown>): void;
}

export interface ScheduledController {
  readonly scheduledTime: number;
  readonly cron: string;
}

/** The Worker's bindings: the Durable Object, and the secrets and vars (`LARK_APP_ID`, …). */
export interface WorkerBindings {
  UNION_BOT: DurableObjectNamespace;
  [name: string]: unknown;
}
