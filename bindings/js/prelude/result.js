// Result, AjaxResult, SdkError and AjaxError: the official SDK's result and
// error classes (b24jssdk 2.2.0, reference/b24jssdk-behavior.md §3), with
// the same members and semantics so that scripts written against the SDK
// read results and catch errors the same way.

// Codes the SDK returns as a failed AjaxResult instead of throwing (§6.5).
export const softErrorCodes = new Set([
  'ERROR_ENTITY_NOT_FOUND',
  'BITRIX_REST_V3_EXCEPTION_ACCESSDENIEDEXCEPTION',
  'BITRIX_REST_V3_EXCEPTION_INVALIDJSONEXCEPTION',
  'BITRIX_REST_V3_EXCEPTION_INVALIDFILTEREXCEPTION',
  'BITRIX_REST_V3_EXCEPTION_INVALIDSELECTEXCEPTION',
  'BITRIX_REST_V3_EXCEPTION_ENTITYNOTFOUNDEXCEPTION',
  'BITRIX_REST_V3_EXCEPTION_METHODNOTFOUNDEXCEPTION',
  'BITRIX_REST_V3_EXCEPTION_UNKNOWNDTOPROPERTYEXCEPTION',
  'BITRIX_REST_V3_EXCEPTION_VALIDATION_REQUESTVALIDATIONEXCEPTION',
  'BITRIX_REST_V3_EXCEPTION_VALIDATION_DTOVALIDATIONEXCEPTION',
]);

// Result is a data container with keyed errors, like Bitrix's
// \Bitrix\Main\Result.
export class Result {
  constructor(data) {
    this._errors = new Map();
    this._data = data ?? null;
  }

  get isSuccess() {
    return this._errors.size === 0;
  }

  get errors() {
    return this._errors;
  }

  setData(data) {
    this._data = data;
    return this;
  }

  getData() {
    return this._data;
  }

  addError(error, key) {
    const errorObject = typeof error === 'string' ? new Error(error) : error;
    this._errors.set(key ?? native.uuid(), errorObject);
    return this;
  }

  addErrors(errors) {
    for (const error of errors) this.addError(error);
    return this;
  }

  getErrors() {
    return this._errors.values();
  }

  getErrorMessages() {
    return Array.from(this._errors.values(), (e) => e.message);
  }

  getErrorsByKey() {
    const out = {};
    for (const [key, error] of this._errors) {
      Object.defineProperty(out, key, { value: error, enumerable: true, writable: true, configurable: true });
    }
    return out;
  }

  getErrorMessagesByKey() {
    const out = {};
    for (const [key, error] of this._errors) {
      Object.defineProperty(out, key, { value: error.message, enumerable: true, writable: true, configurable: true });
    }
    return out;
  }

  hasError(key) {
    return this._errors.has(key);
  }

  toString() {
    const data = safeStringify(this._data);
    if (this.isSuccess) return `Result(success): ${data}`;
    return `Result(failure): ${data}\nErrors: ${this.getErrorMessages().join(', ')}`;
  }

  static ok(data) {
    return new Result(data);
  }

  static fail(error, key) {
    return new Result().addError(error, key);
  }
}

function safeStringify(data) {
  try {
    return JSON.stringify(data, null, 2);
  } catch {
    return '[unserializable data]';
  }
}

// SdkError is every error the SDK raises itself; AjaxError extends it for
// failed portal calls.
export class SdkError extends Error {
  constructor(params = {}) {
    super(params.description || 'Internal error');
    this.name = 'SdkError';
    this.code = params.code ?? 'JSSDK_INTERNAL_ERROR';
    this._status = params.status ?? 500;
    this.timestamp = new Date();
    Object.defineProperty(this, 'originalError', {
      value: params.originalError, enumerable: false, writable: true, configurable: true,
    });
  }

  get status() {
    return this._status;
  }

  toJSON() {
    return {
      name: this.name,
      code: this.code,
      message: this.message,
      status: this.status,
      timestamp: this.timestamp.toISOString(),
      stack: this.stack,
    };
  }

  toString() {
    return `[${this.name}] ${this.code} (${this.status}): ${this.message}`;
  }

  static fromException(error, context = {}) {
    if (error instanceof SdkError) return error;
    return new SdkError({
      code: context.code ?? 'JSSDK_INTERNAL_ERROR',
      status: context.status ?? 500,
      description: error instanceof Error ? error.message : String(error),
      originalError: error,
    });
  }
}

export class AjaxError extends SdkError {
  constructor(params = {}) {
    const requestInfo = params.requestInfo;
    let description = params.description;
    if (!description) {
      description = requestInfo?.method ? `${params.code} (on ${requestInfo.method})` : 'Internal ajax error';
    }
    super({ ...params, description, code: params.code ?? 'JSSDK_INTERNAL_AJAX_ERROR' });
    this.name = 'AjaxError';
    if (params.code === 'AUTHORIZE_ERROR' || params.code === 'WRONG_AUTH_TYPE') this._status = 403;
    // Sensitive params never reach an error (§7).
    this.requestInfo = requestInfo ? { ...requestInfo, params: redact(requestInfo.params, 0) } : undefined;
    if (Array.isArray(params.validation) && params.validation.length > 0) {
      this.validation = Object.freeze([...params.validation]);
    }
  }

  toJSON() {
    const out = {
      name: this.name,
      code: this.code,
      message: this.message,
      status: this.status,
      timestamp: this.timestamp.toISOString(),
      requestInfo: this.requestInfo,
    };
    if (this.validation) out.validation = this.validation;
    out.stack = this.stack;
    return out;
  }

  toString() {
    let s = `[${this.name}] ${this.code} (${this.status}): ${this.message}`;
    if (this.requestInfo) s += `\nRequest: [${this.requestInfo.requestId}] ${this.requestInfo.method}`;
    return s;
  }

  static fromResponse(response) {
    const data = response?.data ?? {};
    return new AjaxError({
      code: data.error || 'JSSDK_INTERNAL_AJAX_ERROR',
      description: data.error_description,
      status: response?.status ?? 0,
    });
  }

  static fromException(error, context = {}) {
    if (error instanceof AjaxError) return error;
    return new AjaxError({
      code: context.code ?? 'JSSDK_INTERNAL_AJAX_ERROR',
      status: context.status ?? 500,
      description: error instanceof Error ? error.message : String(error),
      requestInfo: context.requestInfo,
      originalError: error,
    });
  }
}

const deepFreeze = (value) => {
  if (value !== null && typeof value === 'object' && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const v of Object.values(value)) deepFreeze(v);
  }
  return value;
};

// AjaxResult is one answer of the portal: one call, or one row of a batch.
export class AjaxResult extends Result {
  constructor(options) {
    super();
    this._data = Object.freeze(options.answer ?? {});
    this._query = deepFreeze(cloneQuery(options.query));
    this._status = options.status;
    if (options.error) {
      this._errors.set('base-error', options.error);
    } else {
      const error = errorFromAnswer(this._data, this._query, this._status);
      if (error) this._errors.set('base-error', error);
    }
  }

  getData() {
    if (!this.isSuccess) return undefined;
    return Object.freeze({ result: this._data.result, time: this._data.time });
  }

  setData() {
    throw new ReferenceError('AjaxResult does not allow data modification');
  }

  getStatus() {
    return this._status;
  }

  getQuery() {
    return this._query;
  }

  isMore() {
    return this.isSuccess && typeof this._data.next === 'number' && !Number.isNaN(this._data.next);
  }

  hasMore() {
    return this.isMore();
  }

  getTotal() {
    if (!this.isSuccess) return 0;
    const total = Number.parseInt(this._data.total, 10);
    return Number.isNaN(total) ? 0 : total;
  }

  async getNext(http) {
    if (http?.apiVersion === 'v3') {
      throw new SdkError({
        code: 'JSSDK_CORE_METHOD_NOT_SUPPORT_IN_API_V3',
        description: 'Method getNext is not supported in restApi:v3',
        status: 500,
      });
    }
    if (!this.isMore()) return false;
    const params = { ...this._query.params, start: Number.parseInt(this._data.next, 10) };
    return http.call(this._query.method, params);
  }

  async fetchNext(http) {
    const next = await this.getNext(http);
    return next === false ? null : next;
  }
}

function cloneQuery(query = {}) {
  let params = query.params ?? {};
  try {
    params = JSON.parse(JSON.stringify(params));
  } catch {
    // keep the caller's object: it could not travel anyway
  }
  return { method: query.method, params, requestId: query.requestId };
}

// errorFromAnswer reads an error body kept in an answer (§3.4).
function errorFromAnswer(answer, query, status) {
  if (answer === null || typeof answer !== 'object' || !('error' in answer)) return null;
  const err = answer.error;
  let code;
  let description;
  if (typeof err === 'string') {
    if (err === '') return null;
    code = err === '0' ? 'JSSDK_RESPONSE_ERROR' : err;
    description = answer.error_description || 'Some error in response';
  } else if (err && typeof err === 'object' && err.code) {
    code = err.code;
    description = String(err.message ?? '').trimEnd();
  } else {
    return null;
  }
  return new AjaxError({ code, description, status, requestInfo: requestInfo(query) });
}

// requestInfo is what an AjaxError tells of its request: never a URL.
export function requestInfo(query) {
  if (!query) return undefined;
  return { method: query.method, params: query.params, requestId: query.requestId };
}

const sensitiveKeys = new Set([
  'auth', 'password', 'token', 'secret', 'access_token', 'refresh_token', 'client_secret',
  'application_token', 'sessid', 'key', 'signature',
]);

// redact masks sensitive keys in params as the SDK's redactSensitiveParams
// does (§7): the top level and two nested levels.
function redact(value, depth) {
  if (value === null || typeof value !== 'object') return value;
  if (Array.isArray(value)) return depth > 2 ? value : value.map((v) => redact(v, depth));
  if (depth > 2) return value;
  const out = {};
  for (const [k, v] of Object.entries(value)) {
    if (sensitiveKeys.has(k.toLowerCase())) {
      out[k] = '***REDACTED***';
    } else if (typeof v === 'string') {
      out[k] = v.replace(/(^|[?&])(auth|password|token|secret|access_token|refresh_token|client_secret|application_token|sessid|key|signature)=[^&#;]*/gi, '$1$2=***REDACTED***');
    } else {
      out[k] = redact(v, depth + 1);
    }
  }
  return out;
}

// ajaxError builds the AjaxError of a failed call from the native error.
export function ajaxError(e, query) {
  const error = new AjaxError({
    code: e.code,
    description: e.description,
    status: e.status,
    validation: e.validation,
    requestInfo: requestInfo(query),
  });
  // Links the error to the Go error behind it, for the host's report.
  Object.defineProperty(error, '__b24run_err', { value: e.__b24run_err, enumerable: false });
  return error;
}

// isSoft says whether a failed call is returned (as an AjaxResult that is
// not successful) rather than thrown: an error body that came with HTTP 200,
// or a code on the SDK's soft list.
export function isSoft(e) {
  return e.status === 200 || softErrorCodes.has(e.code);
}

// isSoftCode is isSoft for list walks: the Go core pages through batches,
// where every row error comes with the batch's HTTP 200, so only the code
// can tell what the SDK's plain call would have done.
export function isSoftCode(e) {
  return softErrorCodes.has(e.code);
}
