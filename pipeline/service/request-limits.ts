/**
 * @module request-limits – no question may starve the service. Measured before: one reader's follow-up workbook
 * (every unit, by age, ten years) ran 194 s with no limit and went on after its caller had gone; twenty costly
 * follow-ups at once took health to 10–30 s. So every reading request runs under a time limit and is cancelled when its
 * caller goes away (DuckDB's interrupt on every reader it holds), and costly questions take one of a few slots, queue
 * for one, and are turned away with 503 and `Retry-After` when the queue is full. Health, cached answers and cheap
 * questions never wait for a slot.
 */
import { AsyncLocalStorage } from 'node:async_hooks';
import type { MiddlewareHandler } from 'hono';
import { HTTPException } from 'hono/http-exception';

/** Why a request's work was stopped: its time ran out, or its caller went away. */
export type StopReason = 'timeout' | 'gone';

/** One request's scope, shared by every reader it opens and every inner call it makes (the workbook route's). */
interface Scope {
  signal: AbortSignal;
  timeoutMs: number;
  /** Whether it holds a costly slot: its inner calls then take none (they would wait for the slot it holds). */
  admitted: boolean;
}

const scopes = new AsyncLocalStorage<Scope>();

/** A request stopped by its time limit: answered 504. */
export class RequestTimeout extends HTTPException {
  constructor(ms: number) {
    super(504, {
      message: `Frågan avbröts efter ${ms} ms, tjänstens tidsgräns. Begränsa den (färre enheter, år eller uppdelningar) och försök igen.`,
    });
  }
}

/**
 * Runs `work` on `interruptible` so that the request's stop interrupts it. An interrupt that lands before DuckDB has
 * started is forgotten, so it is repeated until the work gives up.
 */
export async function stoppable<T>(interrupt: () => void, work: () => Promise<T>): Promise<T> {
  const scope = scopes.getStore();
  if (!scope) return work();
  if (scope.signal.aborted) throw stopError(scope);
  let repeat: NodeJS.Timeout | undefined;
  const onAbort = () => {
    interrupt();
    repeat = setInterval(interrupt, 25);
  };
  scope.signal.addEventListener('abort', onAbort, { once: true });
  try {
    return await work();
  } catch (error) {
    throw scope.signal.aborted ? stopError(scope) : error;
  } finally {
    scope.signal.removeEventListener('abort', onAbort);
    clearInterval(repeat);
  }
}

/** Work stopped because its caller went away: no one hears the answer, so it is no error of the service's. */
export class CallerGone extends Error {}

function stopError(scope: Scope): Error {
  return scope.signal.reason === 'timeout' ? new RequestTimeout(scope.timeoutMs) : new CallerGone('the caller went away');
}

/** A bounded number of costly questions at once, the rest in a bounded queue, in the order they came. */
export class Slots {
  private running = 0;
  private readonly waiting: { start: () => void; fail: (error: Error) => void }[] = [];

  constructor(
    readonly size: number,
    readonly queue: number,
  ) {}

  /** Waits for a slot (or until `signal` stops the request); a full queue throws at once. */
  async acquire(signal: AbortSignal, full: () => Error): Promise<() => void> {
    if (this.running < this.size && !this.waiting.length) {
      this.running++;
      return this.releaser();
    }
    if (this.waiting.length >= this.queue) throw full();
    await new Promise<void>((resolve, reject) => {
      const entry = {
        start: () => {
          signal.removeEventListener('abort', leave);
          resolve();
        },
        fail: reject,
      };
      const leave = () => {
        const at = this.waiting.indexOf(entry);
        if (at >= 0) this.waiting.splice(at, 1);
        reject(new CallerGone('stopped while waiting for a slot'));
      };
      signal.addEventListener('abort', leave, { once: true });
      this.waiting.push(entry);
    });
    return this.releaser();
  }

  stats() {
    return { running: this.running, waiting: this.waiting.length, slots: this.size, queue: this.queue };
  }

  private releaser(): () => void {
    let done = false;
    return () => {
      if (done) return;
      done = true;
      const next = this.waiting.shift();
      // The slot passes straight to the next in line; otherwise it is free.
      if (next) next.start();
      else this.running--;
    };
  }
}

/** A costly question turned away because the queue is full: 503, with when to ask again. */
export class Busy extends HTTPException {
  constructor(
    message: string,
    readonly retryAfterSeconds: number,
  ) {
    super(503, { message });
  }
}

export interface LimitSettings {
  timeoutMs: number;
  /** Paths of the costly questions, which take a slot. */
  costly: RegExp;
  slots: Slots;
  retryAfterSeconds: number;
}

/**
 * Every GET under the API gets a time limit and is cancelled when its caller goes away; an inner call (the workbook
 * route's, the portfolio's) runs in its outer request's scope. Writes are not cut: a load stopped mid-way would leave
 * its caller not knowing whether it committed; they are bounded by the size limits instead.
 */
export function timeLimit(settings: Pick<LimitSettings, 'timeoutMs'>): MiddlewareHandler {
  return async function timeLimit(c, next) {
    if (c.req.method !== 'GET' || scopes.getStore()) return next();
    const controller = new AbortController();
    const timer = setTimeout(() => controller.abort('timeout' satisfies StopReason), settings.timeoutMs);
    const gone = () => controller.abort('gone' satisfies StopReason);
    const callerSignal = c.req.raw.signal;
    callerSignal?.addEventListener('abort', gone, { once: true });
    const scope: Scope = { signal: controller.signal, timeoutMs: settings.timeoutMs, admitted: false };
    try {
      const work = scopes.run(scope, next);
      // The answer is the work's, or the stop's: a stopped request is answered at once, its readers interrupted.
      const stopped = new Promise<never>((_, reject) =>
        controller.signal.addEventListener('abort', () => reject(stopError(scope)), { once: true }),
      );
      stopped.catch(() => undefined);
      work.catch(() => undefined);
      await Promise.race([work, stopped]);
    } finally {
      clearTimeout(timer);
      callerSignal?.removeEventListener('abort', gone);
    }
  };
}

/** A costly question takes a slot (its inner calls none), after the answer cache: a kept answer never waits for one. */
export function admission(settings: Omit<LimitSettings, 'timeoutMs'>): MiddlewareHandler {
  return async function admission(c, next) {
    const scope = scopes.getStore();
    if (!scope || scope.admitted || !settings.costly.test(c.req.path)) return next();
    const release = await settings.slots
      .acquire(
        scope.signal,
        () =>
          new Busy(
            `Tjänsten räknar redan på ${settings.slots.size + settings.slots.queue} tunga frågor; försök igen om ${settings.retryAfterSeconds} sekunder.`,
            settings.retryAfterSeconds,
          ),
      )
      .catch((error: unknown) => {
        throw scope.signal.aborted ? stopError(scope) : error;
      });
    scope.admitted = true;
    try {
      await next();
    } finally {
      scope.admitted = false;
      release();
    }
  };
}

/** The request's stop signal, and the error its stop means, for work a DuckDB interrupt does not reach. */
export function requestStop(): { signal: AbortSignal | undefined; stopped: () => Error } {
  const scope = scopes.getStore();
  return { signal: scope?.signal, stopped: () => (scope ? stopError(scope) : new CallerGone('stopped')) };
}
