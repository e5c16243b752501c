// b24run.d.ts — editor typings for b24run's JavaScript/TypeScript scripts.
//
// Put this file next to your scripts (or reference it with
// /// <reference path="b24run.d.ts" />) so that editors check scripts against
// what the runtime really provides: the globals below and the built-in
// '@bitrix24/b24jssdk' module. A test in bindings/js compares these
// declarations with a live runtime in both directions.

// ---------------------------------------------------------------------------
// Results and errors (b24jssdk 2.2.0)

/** The time block of every answer of the portal. */
interface B24PayloadTime {
  start: number;
  finish: number;
  duration: number;
  processing: number;
  date_start: string;
  date_finish: string;
  /** Unix seconds when the oldest minute leaves the 10-minute window. */
  operating_reset_at?: number;
  /** Seconds charged to this method within the 10-minute window. */
  operating?: number;
}

/** What AjaxResult.getData() returns: the portal's result and time. */
interface B24Payload<T = any> {
  readonly result: T;
  readonly time: B24PayloadTime;
}

/** What was sent for a result: the params include what list helpers add. */
interface B24AjaxQuery {
  readonly method: string;
  readonly params: Record<string, any>;
  readonly requestId: string;
}

/** A data container with keyed errors (like Bitrix's Main\Result). */
declare class Result<T = any> {
  constructor(data?: T);
  readonly isSuccess: boolean;
  readonly errors: Map<string, Error>;
  setData(data: T): this;
  getData(): T | null | undefined;
  addError(error: Error | string, key?: string): this;
  addErrors(errors: Iterable<Error | string>): this;
  getErrors(): IterableIterator<Error>;
  getErrorMessages(): string[];
  getErrorsByKey(): Record<string, Error>;
  getErrorMessagesByKey(): Record<string, string>;
  hasError(key: string): boolean;
  toString(): string;
  static ok<T>(data?: T): Result<T>;
  static fail(error: Error | string, key?: string): Result;
}

/** One answer of the portal: one call, or one row of a batch. */
declare class AjaxResult<T = any> extends Result<B24Payload<T>> {
  constructor(options: { answer: any; query: B24AjaxQuery; status: number; error?: AjaxError });
  /** `{result, time}`, frozen; undefined when the call failed. */
  getData(): B24Payload<T> | undefined;
  /** Always throws: an AjaxResult is read-only. */
  setData(data: never): never;
  getStatus(): number;
  getQuery(): B24AjaxQuery;
  isMore(): boolean;
  hasMore(): boolean;
  getTotal(): number;
  /** The next page of a list call, or false when there is none. */
  getNext(http: B24HttpClient): Promise<AjaxResult<T> | false>;
  fetchNext(http: B24HttpClient): Promise<AjaxResult<T> | null>;
}

/** Every error the SDK raises itself. */
declare class SdkError extends Error {
  constructor(params?: { code?: string; description?: string; status?: number; originalError?: unknown });
  code: string;
  readonly status: number;
  timestamp: Date;
  readonly originalError?: unknown;
  toJSON(): { name: string; code: string; message: string; status: number; timestamp: string; stack?: string };
  static fromException(error: unknown, context?: { code?: string; status?: number }): SdkError;
}

/** A failed portal call: the portal's code, the HTTP status, its message. */
declare class AjaxError extends SdkError {
  constructor(params?: {
    code?: string;
    description?: string;
    status?: number;
    requestInfo?: { method?: string; params?: Record<string, any>; requestId?: string };
    validation?: string[];
    originalError?: unknown;
  });
  requestInfo?: { method?: string; params?: Record<string, any>; requestId?: string };
  validation?: readonly string[];
  static fromResponse(response: { status?: number; data?: { error?: string; error_description?: string } }): AjaxError;
  static fromException(error: unknown, context?: { code?: string; status?: number; requestInfo?: object }): AjaxError;
}

// ---------------------------------------------------------------------------
// The client

/** A batch: tuples, {method, params, as} objects, or named commands. */
type B24BatchCommand = [method: string, params?: Record<string, any>] | { method: string; params?: Record<string, any>; as?: string };
type B24BatchCalls = B24BatchCommand[] | Record<string, B24BatchCommand>;

interface B24BatchOptions {
  /** Stop at the first failing command (default true). */
  isHaltOnError?: boolean;
  /** Rows as AjaxResult instead of plain results (default false). */
  returnAjaxResult?: boolean;
  requestId?: string;
}

interface B24ListOptions {
  method: string;
  params?: Record<string, any>;
  /** The field of a row holding its id (default 'ID'). */
  idKey?: string;
  /** The name the id is filtered by, when it differs from idKey. */
  cursorIdKey?: string;
  /** Where the rows are in the result ('items' for crm.item.list). */
  customKeyForResult?: string | null;
  requestId?: string;
}

/** What getHttpClient('v2') returns. */
interface B24HttpClient {
  readonly apiVersion: 'v2';
  ajaxClient: { defaults: { timeout: number } };
  call<T = any>(method: string, params?: Record<string, any>, requestId?: string): Promise<AjaxResult<T>>;
  batch(calls: B24BatchCalls, options?: B24BatchOptions): Promise<Result>;
  getStats(): { totalRequests: number; retries: number; failedRequests: number; limitHits: number };
  resetStats(): void;
  setLogger(logger: B24LoggerInterface): void;
  getLogger(): B24LoggerInterface;
  setRestrictionManagerParams(params: object): Promise<void>;
  getRestrictionManagerParams(): object | undefined;
  setClientSideWarning(value: boolean, message?: string): void;
}

interface B24LoggerInterface {
  log(level: number, message: string, context?: Record<string, any>): Promise<void>;
  debug(message: string, context?: Record<string, any>): void;
  info(message: string, context?: Record<string, any>): void;
  notice(message: string, context?: Record<string, any>): void;
  warning(message: string, context?: Record<string, any>): void;
  error(message: string, context?: Record<string, any>): void;
  critical(message: string, context?: Record<string, any>): void;
  alert(message: string, context?: Record<string, any>): void;
  emergency(message: string, context?: Record<string, any>): void;
}

interface B24ActionsV2 {
  call: { make<T = any>(options: { method: string; params?: Record<string, any>; requestId?: string }): Promise<AjaxResult<T>> };
  batch: { make<T = any>(options: { calls: B24BatchCalls; options?: B24BatchOptions }): Promise<Result<T[] | Record<string, T> | AjaxResult<T>[] | Record<string, AjaxResult<T>>>> };
  batchByChunk: { make<T = any>(options: { calls: B24BatchCommand[]; options?: Omit<B24BatchOptions, 'returnAjaxResult'> }): Promise<Result<T[]>> };
  callList: { make<T = any>(options: B24ListOptions): Promise<Result<T[]>> };
  fetchList: { make<T = any>(options: B24ListOptions): AsyncGenerator<T[]> };
}

/**
 * The portal client: $b24 and b24 in every script, and what
 * B24Hook.fromWebhookUrl(...) and new B24Hook(...) return whatever they are
 * given: the webhook configured on the server.
 */
declare class B24Hook {
  constructor(params?: { b24Url: string; userId: number; secret: string }, options?: { restrictionParams?: object });
  /** Any URL: the configured client is returned; the secret stays on the server. */
  static fromWebhookUrl(url?: string, options?: { restrictionParams?: object }): B24Hook;
  /** 50, the most commands in one batch (deprecated in the SDK). */
  static readonly batchSize: number;
  readonly isInit: boolean;
  readonly actions: { v2: B24ActionsV2; v3: unknown };
  readonly tools: {
    healthCheck: { make(options?: { requestId?: string }): Promise<boolean> };
    ping: { make(options?: { requestId?: string }): Promise<number> };
  };
  readonly auth: {
    getAuthData(): { access_token: string; refresh_token: string; expires: number; expires_in: number; domain: string; member_id: string };
    refreshAuth(): Promise<object>;
    getUniq(prefix: string): string;
    readonly isAdmin: boolean;
  };
  init(): Promise<void>;
  destroy(): void;
  offClientSideWarning(): void;
  setLogger(logger: B24LoggerInterface): void;
  getLogger(): B24LoggerInterface;
  /** Accepted and ignored: the server's limiter, shared by every script, decides. */
  setRestrictionManagerParams(params: object): Promise<void>;
  /** The portal's origin, e.g. https://company.bitrix24.com. */
  getTargetOrigin(): string;
  /** The REST endpoints, with the secret masked as ***. */
  getTargetOriginWithPath(): Map<'v2' | 'v3', string>;
  getHttpClient(version?: 'v2'): B24HttpClient;
  setHttpClient(version: string, client: unknown): void;
  callMethod<T = any>(method: string, params?: Record<string, any>, start?: number): Promise<AjaxResult<T>>;
  callBatch(calls: B24BatchCalls, isHaltOnError?: boolean, returnAjaxResult?: boolean): Promise<Result>;
  callBatchByChunk(calls: B24BatchCommand[], isHaltOnError?: boolean): Promise<Result<any[]>>;
  callListMethod<T = any>(method: string, params?: Record<string, any>, progress?: ((percent: number) => void) | null, customKeyForResult?: string | null): Promise<Result<T[]>>;
  fetchListMethod<T = any>(method: string, params?: Record<string, any>, idKey?: string, customKeyForResult?: string | null): AsyncGenerator<T[]>;
}

// ---------------------------------------------------------------------------
// Globals

/** The configured portal client. */
declare const $b24: B24Hook;
/** The same object as $b24. */
declare const b24: B24Hook;

/** This run: the script's name, arguments, dry-run flag and configured values. */
declare const script: {
  readonly name: string;
  readonly args: readonly string[];
  readonly dryRun: boolean;
  readonly env: Readonly<Record<string, string>>;
};

/** The Bitrix24 event a rule receives. */
interface B24Event<D = Record<string, any>> {
  event: string;
  event_handler_id?: string;
  data: D;
  ts: string;
  auth: { domain: string; client_endpoint?: string; server_endpoint?: string; member_id: string; [key: string]: any };
}

/** Registers a handler for a Bitrix24 event (the name is case-insensitive). */
declare function on(event: string, handler: (event: B24Event) => unknown): void;
/** Registers a handler for a cron spec ("*\/15 * * * *") or "@every 10m". */
declare function schedule(spec: string, handler: () => unknown): void;

/** Node's process, reduced to what a sandboxed script may see. */
declare const process: {
  /** Only the values the configuration exposes; never the webhook. */
  env: Record<string, string | undefined>;
  /** ['node', script name, ...arguments] */
  argv: string[];
  argv0: string;
  platform: string;
  exitCode: number | undefined;
  /** Ends the run at once; a non-zero code is a failure. */
  exit(code?: number): never;
  nextTick(callback: (...args: any[]) => void, ...args: any[]): void;
  cwd(): string;
  uptime(): number;
  hrtime: { (): [number, number]; bigint(): bigint };
  memoryUsage(): { rss: number; heapTotal: number; heapUsed: number; external: number; arrayBuffers: number };
  stdout: { write(text: string): boolean; isTTY: boolean };
  stderr: { write(text: string): boolean; isTTY: boolean };
  on(event: string, listener: (...args: any[]) => void): unknown;
  once(event: string, listener: (...args: any[]) => void): unknown;
};

/** console.log goes to the run's output; the other levels to the log. */
declare const console: {
  log(...data: any[]): void;
  info(...data: any[]): void;
  debug(...data: any[]): void;
  warn(...data: any[]): void;
  error(...data: any[]): void;
  dir(item: any, options?: { depth?: number | null }): void;
  dirxml(...data: any[]): void;
  trace(...data: any[]): void;
  assert(condition?: boolean, ...data: any[]): void;
  count(label?: string): void;
  countReset(label?: string): void;
  group(...data: any[]): void;
  groupCollapsed(...data: any[]): void;
  groupEnd(): void;
  time(label?: string): void;
  timeLog(label?: string, ...data: any[]): void;
  timeEnd(label?: string): void;
  table(data: any): void;
};

interface B24Timeout {
  ref(): this;
  unref(): this;
  hasRef(): boolean;
  refresh(): this;
  [Symbol.toPrimitive](): number;
}
interface B24Immediate {
  ref(): this;
  unref(): this;
  hasRef(): boolean;
}

declare function setTimeout<A extends any[]>(callback: (...args: A) => void, ms?: number, ...args: A): B24Timeout;
declare function setInterval<A extends any[]>(callback: (...args: A) => void, ms?: number, ...args: A): B24Timeout;
declare function setImmediate<A extends any[]>(callback: (...args: A) => void, ...args: A): B24Immediate;
declare function clearTimeout(timeout: B24Timeout | number | undefined | null): void;
declare function clearInterval(timeout: B24Timeout | number | undefined | null): void;
declare function clearImmediate(immediate: B24Immediate | number | undefined | null): void;
declare function queueMicrotask(callback: () => void): void;

// Intl.NumberFormat and Intl.DateTimeFormat (and the toLocaleString methods
// built on them), typed by TypeScript's own lib: this empty declaration
// merges with it. Not all of ECMA-402: no Collator, PluralRules and the like.
declare namespace Intl {}

// ---------------------------------------------------------------------------
// The built-in module

declare module '@bitrix24/b24jssdk' {
  export { B24Hook, Result, AjaxResult, AjaxError, SdkError };
  export const ApiVersion: { readonly v2: 'v2'; readonly v3: 'v3' };
  export enum EnumCrmEntityTypeId {
    undefined = 0, lead = 1, deal = 2, contact = 3, company = 4,
    oldInvoice = 5, invoice = 31, quote = 7, requisite = 8, order = 14,
  }
  export enum EnumCrmEntityType {
    undefined = 'UNDEFINED', lead = 'CRM_LEAD', deal = 'CRM_DEAL', contact = 'CRM_CONTACT', company = 'CRM_COMPANY',
    oldInvoice = 'CRM_INVOICE', invoice = 'CRM_SMART_INVOICE', quote = 'CRM_QUOTE', requisite = 'CRM_REQUISITE', order = 'ORDER',
  }
  export enum EnumCrmEntityTypeShort {
    undefined = '?', lead = 'L', deal = 'D', contact = 'C', company = 'CO',
    oldInvoice = 'I', invoice = 'SI', quote = 'Q', requisite = 'RQ', order = 'O',
  }
  export enum LogLevel { DEBUG = 0, INFO = 1, NOTICE = 2, WARNING = 3, ERROR = 4, CRITICAL = 5, ALERT = 6, EMERGENCY = 7 }
  export interface LogRecord {
    channel: string;
    level: LogLevel;
    levelName: string;
    message: string;
    context: Record<string, any>;
    extra: Record<string, any>;
    timestamp: Date;
  }
  export class LineFormatter {
    constructor(formatString?: string);
    format(record: LogRecord): string;
  }
  /** Writes records through console.debug/info/warn/error. */
  export class ConsoleHandler {
    constructor(level?: LogLevel, options?: { bubble?: boolean });
    isHandling(level: LogLevel): boolean;
    shouldBubble(): boolean;
    setFormatter(formatter: LineFormatter): void;
    getFormatter(): LineFormatter;
    handle(record: LogRecord): Promise<boolean>;
  }
  export class ConsoleV2Handler extends ConsoleHandler {}
  export class Logger implements B24LoggerInterface {
    constructor(channel: string);
    static create(channel: string): Logger;
    pushHandler(handler: ConsoleHandler): this;
    popHandler(): ConsoleHandler | null;
    setHandlers(handlers: ConsoleHandler[]): this;
    pushProcessor(processor: (record: LogRecord) => LogRecord): this;
    log(level: LogLevel, message: string, context?: Record<string, any>): Promise<void>;
    debug(message: string, context?: Record<string, any>): Promise<void>;
    info(message: string, context?: Record<string, any>): Promise<void>;
    notice(message: string, context?: Record<string, any>): Promise<void>;
    warning(message: string, context?: Record<string, any>): Promise<void>;
    error(message: string, context?: Record<string, any>): Promise<void>;
    critical(message: string, context?: Record<string, any>): Promise<void>;
    alert(message: string, context?: Record<string, any>): Promise<void>;
    emergency(message: string, context?: Record<string, any>): Promise<void>;
  }
  export class NullLogger extends Logger {
    static create(): NullLogger;
  }
  export class LoggerFactory {
    static createNullLogger(): NullLogger;
    static createForBrowser(channel: string, isDevMode?: boolean): Logger;
    static createForBrowserDevelopment(channel: string): Logger;
    static createForBrowserProduction(channel: string): Logger;
    static forcedLog(logger: B24LoggerInterface, action: string, message: string, context: Record<string, any>): Promise<void>;
  }
  /** The SDK's limiter presets; b24run accepts and ignores them. */
  export interface RestrictionParams {
    rateLimit: { burstLimit: number; drainRate: number; adaptiveEnabled: boolean };
    operatingLimit: { windowMs: number; limitMs: number; heavyPercent: number };
    adaptiveConfig: { enabled: boolean; thresholdPercent: number; coefficient: number; maxDelay: number };
    maxRetries: number;
    retryDelay: number;
    retryOnNetworkError: boolean;
    hardErrorCodes?: string[];
    softErrorCodes?: string[];
  }
  export class ParamsFactory {
    static getDefault(): RestrictionParams;
    static getEnterprise(): RestrictionParams;
    static getBatchProcessing(): RestrictionParams;
    static getRealtime(): RestrictionParams;
    static fromTariffPlan(plan: string): RestrictionParams;
  }
  export class Text {
    /** 2024-01-02T03:04:05+00:00, in the server's time zone. */
    static toB24Format(value: Date | string | number | { toJSDate(): Date }): string;
    static getUuidRfc4122(): string;
    static getUniqId(): string;
    static toNumber(value: unknown): number;
    static toInteger(value: unknown): number;
    static toBoolean(value: unknown, trueValues?: string[]): boolean;
    static capitalize(value: string): string;
  }
  const sdk: {
    B24Hook: typeof B24Hook;
    Result: typeof Result;
    AjaxResult: typeof AjaxResult;
    AjaxError: typeof AjaxError;
    SdkError: typeof SdkError;
  };
  export default sdk;
}
