// B24Hook: the configured portal client, shaped like the official SDK's
// B24Hook (b24jssdk 2.2.0, reference/b24jssdk-behavior.md §1-§5) and backed
// by the Go core through `native`. Every portal call blocks the runtime's
// goroutine and hands back a settled promise: throughput comes from the core's
// limiter and its parallel batches and lists, not from JavaScript concurrency.

import {
  AjaxError, AjaxResult, Result, SdkError, ajaxError, isSoft, isSoftCode, requestInfo,
} from './result.js';

const MAX_BATCH = 50;

// call sends one method and builds its AjaxResult; hard errors are thrown.
function call(method, params, requestId) {
  const query = { method, params: params ?? {}, requestId: requestId ?? native.uuid() };
  const res = native.call(method, query.params);
  if (res.error) {
    const error = ajaxError(res.error, query);
    if (isSoft(res.error)) return new AjaxResult({ answer: {}, query, status: res.error.status, error });
    throw error;
  }
  return new AjaxResult({ answer: res.answer, query, status: res.status });
}

// parseCalls reads the three batch forms (§4.1) into commands with a name
// (object mode) or without one (array mode).
function parseCalls(calls, options) {
  const rows = [];
  const rowFail = (row) => new SdkError({
    code: 'JSSDK_INTERACTION_BATCH_ROW_FAIL',
    description: `Wrong row format: ${safeJSON({ row, options })}`,
    status: 500,
  });
  const parseRow = (row, name) => {
    let method;
    let params;
    let as;
    if (Array.isArray(row) && typeof row[0] === 'string') {
      [method, params] = row;
    } else if (row !== null && typeof row === 'object' && typeof row.method === 'string') {
      ({ method, params, as } = row);
    } else {
      throw rowFail(row);
    }
    return { method, params: params ?? {}, name: as ?? name };
  };
  if (Array.isArray(calls)) {
    calls.forEach((row) => rows.push(parseRow(row, undefined)));
    const named = rows.length > 0 && rows[0].name !== undefined && rows[0].name !== '';
    for (const row of rows) row.name = named ? String(row.name) : '';
    return { rows, named };
  }
  if (calls !== null && typeof calls === 'object') {
    for (const [key, row] of Object.entries(calls)) rows.push(parseRow(row, key));
    for (const row of rows) row.name = String(row.name);
    return { rows, named: true };
  }
  throw rowFail(calls);
}

function safeJSON(v) {
  try {
    return JSON.stringify(v);
  } catch {
    return String(v);
  }
}

function checkBatchSize(rows) {
  if (rows.length === 0) {
    throw new AjaxError({ code: 'JSSDK_BATCH_EMPTY', description: 'Batch must contain at least one command', status: 400 });
  }
  if (rows.length > MAX_BATCH) {
    throw new AjaxError({
      code: 'JSSDK_BATCH_TOO_LARGE',
      description: `Batch too large: ${rows.length} commands (max: ${MAX_BATCH})`,
      status: 400,
    });
  }
}

// rowResult builds the AjaxResult of one answered batch row (§4.4).
function rowResult(row, cmd, requestId, status) {
  const query = { method: cmd.method, params: cmd.params, requestId };
  const answer = {
    error: row.error ? row.error.code : undefined,
    error_description: row.error ? row.error.description : undefined,
    result: row.result,
    total: row.total ?? 0,
    next: row.next ?? 0,
    time: row.time,
  };
  const error = row.error ? ajaxError(row.error, query) : undefined;
  return new AjaxResult({ answer, query, status, error });
}

// batch runs one batch request and shapes its Result as the SDK does (§3.5,
// §4.4, §4.5).
function batch(calls, options = {}) {
  const opts = { isHaltOnError: true, returnAjaxResult: false, ...options };
  const halt = Boolean(opts.isHaltOnError);
  const requestId = opts.requestId ?? native.uuid();
  const { rows, named } = parseCalls(calls, opts);
  checkBatchSize(rows);
  const result = new Result(named ? {} : []);
  const res = native.batch(rows, halt, false);
  if (res.error) {
    const error = ajaxError(res.error, { method: 'batch', params: {}, requestId });
    if (isSoft(res.error)) return result.addError(error, 'base-error');
    throw error;
  }
  const data = named ? {} : [];
  res.rows.forEach((row, index) => {
    const cmd = rows[index];
    const key = named ? cmd.name : String(index);
    if (!row.answered) {
      if (!halt) {
        throw new SdkError({
          code: 'JSSDK_INTERACTION_BATCH_STRATEGY_V2_EMPTY_COMMAND_RESPONSE',
          description: `There were difficulties parsing the response for batch { index: ${index}, method: ${cmd.method} }`,
          status: 500,
        });
      }
      return;
    }
    const ajax = rowResult(row, cmd, requestId, res.status);
    if (!ajax.isSuccess) {
      result.addError(ajax.errors.get('base-error'), key);
      if (!opts.returnAjaxResult) return;
    }
    const value = opts.returnAjaxResult ? ajax : row.result;
    if (named) {
      Object.defineProperty(data, key, { value, enumerable: true, writable: true, configurable: true });
    } else {
      data.push(value);
    }
  });
  return result.setData(data);
}

// batchByChunk runs any number of commands, 50 to a request, the chunks in
// parallel in the Go core. Unlike the SDK, whose chunk-local keys collide,
// errors are keyed by the command's position in the whole list.
function batchByChunk(calls, options = {}) {
  const opts = { isHaltOnError: true, ...options };
  const result = new Result([]);
  if (!Array.isArray(calls) || calls.length === 0) return result;
  const { rows } = parseCalls(calls, opts);
  for (const row of rows) row.name = '';
  const res = native.batch(rows, Boolean(opts.isHaltOnError), true);
  if (res.error && !res.rows) {
    const error = ajaxError(res.error, { method: 'batch', params: {}, requestId: opts.requestId });
    if (isSoft(res.error)) return result.addError(error, 'base-error');
    throw error;
  }
  if (res.error && !isSoft(res.error)) {
    throw ajaxError(res.error, { method: 'batch', params: {}, requestId: opts.requestId });
  }
  const data = [];
  res.rows.forEach((row, index) => {
    if (!row.answered) return;
    if (row.error) {
      const cmd = rows[index];
      result.addError(ajaxError(row.error, { method: cmd.method, params: cmd.params, requestId: opts.requestId }), String(index));
      return;
    }
    data.push(row.result);
  });
  return result.setData(data);
}

function listError(e, method, params, requestId) {
  return ajaxError(e, { method, params, requestId });
}

function dropOrder(params, action, logger) {
  if (params && typeof params === 'object' && 'order' in params) {
    logger.warning(`${action}: user-provided \`order\` parameter is ignored because cursor-based pagination requires ordering by cursorIdKey. Use \`filter\` to narrow results instead.`);
    const { order, ...rest } = params;
    return rest;
  }
  return params ?? {};
}

// pages is the async generator behind fetchListMethod and fetchList.make:
// one page of rows per iteration, walked by the Go core (keyset paging,
// chained batches, id ranges in parallel). Breaking out of the loop stops
// the walk and its requests.
async function* pages(method, params, opts) {
  const it = native.fetch(method, params, opts);
  try {
    for (;;) {
      const step = it.next();
      if (step.error) {
        if (isSoftCode(step.error)) {
          throw new SdkError({
            code: 'JSSDK_CORE_B24_FETCH_LIST_METHOD_API_V2',
            description: `API Error: ${step.error.description || step.error.code}`,
            status: 500,
          });
        }
        throw listError(step.error, method, params, opts.requestId);
      }
      if (step.done) return;
      yield step.value;
    }
  } finally {
    it.close();
  }
}

// collect is callList.make: every row in memory, bounded by the run's limit.
function collect(method, params, opts, progress) {
  const res = native.list(method, params, { ...opts, progress });
  const result = new Result(res.items);
  if (res.error) {
    if (!isSoftCode(res.error)) throw listError(res.error, method, params, opts.requestId);
    result.addError(listError(res.error, method, params, opts.requestId), 'base-error');
  }
  return result;
}

const listOptions = (o) => ({
  idKey: o.idKey,
  cursorKey: o.cursorIdKey,
  customKey: o.customKeyForResult ?? undefined,
  requestId: o.requestId,
});

// httpClient is what getHttpClient('v2') returns: enough of the SDK's
// HttpV2 for response.getNext(http) and hand-made calls.
function httpClient(client) {
  return {
    apiVersion: 'v2',
    ajaxClient: { defaults: { timeout: 30000 } },
    async call(method, params, requestId) {
      return call(method, params, requestId);
    },
    async batch(calls, options) {
      return batch(calls, options);
    },
    getStats() {
      return native.stats();
    },
    resetStats() {},
    setLogger(logger) {
      client.setLogger(logger);
    },
    getLogger() {
      return client.getLogger();
    },
    setRestrictionManagerParams() {
      return Promise.resolve();
    },
    getRestrictionManagerParams() {
      return undefined;
    },
    setClientSideWarning() {},
  };
}

function v3Unsupported() {
  throw new SdkError({
    code: 'JSSDK_CORE_B24_HTTP_V3_NOT_INIT',
    description: 'REST v3 is not available in b24run scripts; use actions.v2',
    status: 500,
  });
}

let configured;

// B24Hook is the SDK's webhook client class. Scripts never construct a real
// one: B24Hook.fromWebhookUrl(anything) and new B24Hook({...}) both return
// the client configured on the server, so no script needs the secret.
export class B24Hook {
  constructor() {
    if (configured) return configured;
    this.isInit = true;
    Object.defineProperty(this, '_logger', { value: nullLogger(), writable: true, enumerable: false });
    Object.defineProperty(this, '_http', { value: httpClient(this), writable: true, enumerable: false });
    const self = this;
    const v2 = {
      call: { make: async ({ method, params, requestId } = {}) => call(method, params, requestId) },
      batch: { make: async ({ calls, options } = {}) => batch(calls, options) },
      batchByChunk: {
        make: async ({ calls, options } = {}) => batchByChunk(calls, { ...options, returnAjaxResult: false }),
      },
      callList: {
        make: async (o = {}) => collect(o.method, dropOrder(o.params, 'callList.make', self._logger), listOptions(o)),
      },
      fetchList: {
        make: (o = {}) => pages(o.method, dropOrder(o.params, 'fetchList.make', self._logger), listOptions(o)),
      },
    };
    const unsupported = { make: async () => v3Unsupported() };
    const v3 = {
      call: unsupported, batch: unsupported, batchByChunk: unsupported, callList: unsupported,
      fetchList: { make: () => v3Unsupported() }, callTail: unsupported, fetchTail: { make: () => v3Unsupported() },
      aggregate: unsupported,
    };
    Object.defineProperty(this, 'actions', { value: Object.freeze({ v2, v3 }), enumerable: false });
    Object.defineProperty(this, 'tools', {
      value: Object.freeze({
        healthCheck: {
          make: async () => {
            try {
              return call('server.time', {}).isSuccess;
            } catch {
              return false;
            }
          },
        },
        ping: {
          make: async () => {
            const start = native.now();
            try {
              call('server.time', {});
              return native.now() - start;
            } catch {
              return -1;
            }
          },
        },
      }),
      enumerable: false,
    });
    const domain = native.origin().replace(/^https?:\/\//, '');
    Object.defineProperty(this, 'auth', {
      value: Object.freeze({
        getAuthData: () => ({
          access_token: '***', refresh_token: 'hook', expires: 0, expires_in: 0, domain, member_id: domain,
        }),
        refreshAuth: async () => this.auth.getAuthData(),
        getUniq: (prefix) => `${prefix}_${domain}`,
        isAdmin: true,
      }),
      enumerable: false,
    });
  }

  static fromWebhookUrl() {
    return new B24Hook();
  }

  init() {
    this.isInit = true;
    return Promise.resolve();
  }

  destroy() {}

  offClientSideWarning() {}

  setLogger(logger) {
    this._logger = logger;
  }

  getLogger() {
    return this._logger;
  }

  setRestrictionManagerParams() {
    return Promise.resolve();
  }

  getTargetOrigin() {
    return native.origin();
  }

  getTargetOriginWithPath() {
    const origin = native.origin();
    const user = native.userId();
    return new Map([
      ['v2', `${origin}/rest/${user}/***`],
      ['v3', `${origin}/rest/api/${user}/***`],
    ]);
  }

  getHttpClient(version = 'v2') {
    if (version === 'v2') return this._http;
    if (version === 'v3') return v3Unsupported();
    throw new SdkError({ code: 'JSSDK_CORE_B24_API_WRONG', description: `Wrong API version: ${version}`, status: 500 });
  }

  setHttpClient() {}

  // The legacy surface (§1.2), deprecated in the SDK but what most
  // published examples use.

  async callMethod(method, params, start) {
    const p = { ...(params ?? {}) };
    if (Number.isInteger(start) && !Number.isInteger(p.start)) p.start = start;
    return call(method, p);
  }

  async callBatch(calls, isHaltOnError = true, returnAjaxResult = false) {
    return batch(calls, { isHaltOnError, returnAjaxResult });
  }

  async callBatchByChunk(calls, isHaltOnError) {
    return batchByChunk(calls, { isHaltOnError, returnAjaxResult: false });
  }

  async callListMethod(method, params, progress, customKeyForResult) {
    const report = typeof progress === 'function' ? progress : null;
    if (report) report(0);
    let first = true;
    const onPage = report ? (rows, total) => {
      if (first) {
        first = false;
        return;
      }
      report(total > 0 ? Math.round((100 * rows) / total) : 100);
    } : undefined;
    const { start, ...rest } = params ?? {};
    const result = collect(method, rest, { customKey: customKeyForResult || undefined, count: report !== null }, onPage);
    if (report) report(100);
    return result;
  }

  fetchListMethod(method, params, idKey, customKeyForResult) {
    return this.actions.v2.fetchList.make({
      method,
      params: params ?? undefined,
      idKey: idKey ?? undefined,
      customKeyForResult: customKeyForResult ?? undefined,
    });
  }
}

// AbstractB24.batchSize, deprecated in the SDK.
B24Hook.batchSize = MAX_BATCH;

function nullLogger() {
  const log = () => Promise.resolve();
  return {
    log, debug: log, info: log, notice: log, warning: log, error: log, critical: log, alert: log, emergency: log,
  };
}

// client returns the run's configured B24Hook.
export function client() {
  if (!configured) configured = new B24Hook();
  return configured;
}

export { requestInfo };
