// The SDK's other commonly imported names that make sense on a server:
// enums, its Monolog-style logger mapped onto console, the limiter presets
// (accepted and ignored: the server's limiter rules) and small text helpers.

export const ApiVersion = Object.freeze({ v2: 'v2', v3: 'v3' });

// numericEnum builds a TypeScript numeric enum: names to numbers and back.
function numericEnum(pairs) {
  const e = {};
  for (const [name, value] of pairs) {
    e[name] = value;
    e[value] = name;
  }
  return Object.freeze(e);
}

export const EnumCrmEntityTypeId = numericEnum([
  ['undefined', 0], ['lead', 1], ['deal', 2], ['contact', 3], ['company', 4],
  ['oldInvoice', 5], ['invoice', 31], ['quote', 7], ['requisite', 8], ['order', 14],
]);

export const EnumCrmEntityType = Object.freeze({
  undefined: 'UNDEFINED',
  lead: 'CRM_LEAD',
  deal: 'CRM_DEAL',
  contact: 'CRM_CONTACT',
  company: 'CRM_COMPANY',
  oldInvoice: 'CRM_INVOICE',
  invoice: 'CRM_SMART_INVOICE',
  quote: 'CRM_QUOTE',
  requisite: 'CRM_REQUISITE',
  order: 'ORDER',
});

export const EnumCrmEntityTypeShort = Object.freeze({
  undefined: '?', lead: 'L', deal: 'D', contact: 'C', company: 'CO',
  oldInvoice: 'I', invoice: 'SI', quote: 'Q', requisite: 'RQ', order: 'O',
});

export const LogLevel = numericEnum([
  ['DEBUG', 0], ['INFO', 1], ['NOTICE', 2], ['WARNING', 3],
  ['ERROR', 4], ['CRITICAL', 5], ['ALERT', 6], ['EMERGENCY', 7],
]);

export class LineFormatter {
  constructor(formatString = '{date} [{channel}] {levelName}: {message} {context} {extra}') {
    this.formatString = formatString;
  }

  format(record) {
    const replacements = {
      '{channel}': record.channel,
      '{levelName}': record.levelName,
      '{message}': record.message,
      '{context}': JSON.stringify(record.context),
      '{extra}': JSON.stringify(record.extra),
      '{timestamp}': String(record.timestamp.getTime()),
      '{date}': record.timestamp.toISOString().replace('T', ' ').slice(0, 19),
    };
    let formatted = this.formatString;
    for (const [key, value] of Object.entries(replacements)) formatted = formatted.replace(key, value);
    return formatted;
  }
}

// ConsoleHandler writes records through console.debug/info/warn/error,
// which b24run sends to the script's structured log.
export class ConsoleHandler {
  constructor(level = LogLevel.DEBUG, options = {}) {
    this.level = level;
    this.bubble = options.bubble ?? true;
    this.formatter = new LineFormatter('[{channel}]: {message}');
  }

  isHandling(level) {
    return level >= this.level;
  }

  shouldBubble() {
    return this.bubble;
  }

  setFormatter(formatter) {
    this.formatter = formatter;
  }

  getFormatter() {
    return this.formatter;
  }

  consoleMethod(level) {
    if (level >= LogLevel.ERROR) return 'error';
    if (level >= LogLevel.WARNING) return 'warn';
    if (level >= LogLevel.INFO) return 'info';
    return 'debug';
  }

  async handle(record) {
    const params = [this.formatter.format(record)];
    if (record.context && Object.keys(record.context).length > 0) params.push(record.context);
    if (record.extra && Object.keys(record.extra).length > 0) params.push(record.extra);
    console[this.consoleMethod(record.level)](...params);
    return true;
  }
}

export class ConsoleV2Handler extends ConsoleHandler {}

class AbstractLogger {
  debug(message, context) { return this.log(LogLevel.DEBUG, message, context); }
  info(message, context) { return this.log(LogLevel.INFO, message, context); }
  notice(message, context) { return this.log(LogLevel.NOTICE, message, context); }
  warning(message, context) { return this.log(LogLevel.WARNING, message, context); }
  error(message, context) { return this.log(LogLevel.ERROR, message, context); }
  critical(message, context) { return this.log(LogLevel.CRITICAL, message, context); }
  alert(message, context) { return this.log(LogLevel.ALERT, message, context); }
  emergency(message, context) { return this.log(LogLevel.EMERGENCY, message, context); }
}

// Logger is the SDK's channel logger: records go to its handlers.
export class Logger extends AbstractLogger {
  constructor(channel) {
    super();
    this.channel = channel;
    this.handlers = [];
    this.processors = [];
  }

  static create(channel) {
    return new Logger(channel);
  }

  pushHandler(handler) {
    this.handlers.push(handler);
    return this;
  }

  popHandler() {
    return this.handlers.pop() || null;
  }

  setHandlers(handlers) {
    this.handlers = handlers;
    return this;
  }

  pushProcessor(processor) {
    this.processors.push(processor);
    return this;
  }

  async log(level, message, context) {
    let record = {
      channel: this.channel,
      level,
      levelName: LogLevel[level],
      message,
      context: context ?? {},
      extra: {},
      timestamp: new Date(),
    };
    for (const processor of this.processors) {
      try {
        record = processor(record);
      } catch {
        // a failing processor is skipped, as in the SDK
      }
    }
    for (const handler of this.handlers) {
      try {
        if (!handler.isHandling(level)) continue;
        const handled = await handler.handle(record);
        if (handled && !handler.shouldBubble()) break;
      } catch {
        // a failing handler is skipped, as in the SDK
      }
    }
  }
}

export class NullLogger extends AbstractLogger {
  static create() {
    return new NullLogger();
  }

  async log() {}
}

export class LoggerFactory {
  static createNullLogger() {
    return NullLogger.create();
  }

  static createForBrowser(channel, isDevMode = false) {
    return new Logger(channel).pushHandler(new ConsoleHandler(isDevMode ? LogLevel.DEBUG : LogLevel.ERROR));
  }

  static createForBrowserDevelopment(channel) {
    return LoggerFactory.createForBrowser(channel, true);
  }

  static createForBrowserProduction(channel) {
    return LoggerFactory.createForBrowser(channel, false);
  }

  static async forcedLog(logger, action, message, context) {
    if (!logger || logger instanceof NullLogger) {
      const method = { debug: 'log', info: 'info', notice: 'info', warning: 'warn' }[action] ?? 'error';
      console[method](message, context);
      return;
    }
    return logger[action](message, context);
  }
}

// ParamsFactory returns the SDK's limiter presets (§6.1). b24run accepts and
// ignores them: the server's limiter, shared by every script, decides.
const preset = (burstLimit, drainRate, heavyPercent, adaptive, maxRetries) => ({
  rateLimit: { burstLimit, drainRate, adaptiveEnabled: true },
  operatingLimit: { windowMs: 600000, limitMs: 480000, heavyPercent },
  adaptiveConfig: adaptive,
  maxRetries,
  retryDelay: 1000,
  retryOnNetworkError: true,
});

export class ParamsFactory {
  static getDefault() {
    return preset(50, 2, 80, { enabled: true, thresholdPercent: 80, coefficient: 0.01, maxDelay: 7000 }, 3);
  }

  static getEnterprise() {
    return preset(250, 5, 80, { enabled: true, thresholdPercent: 80, coefficient: 0.01, maxDelay: 7000 }, 3);
  }

  static getBatchProcessing() {
    return preset(30, 1, 50, { enabled: true, thresholdPercent: 50, coefficient: 0.015, maxDelay: 10000 }, 5);
  }

  static getRealtime() {
    return preset(50, 2, 80, { enabled: false, thresholdPercent: 100, coefficient: 0.001, maxDelay: 480000 }, 1);
  }

  static fromTariffPlan(plan) {
    return plan === 'enterprise' ? ParamsFactory.getEnterprise() : ParamsFactory.getDefault();
  }
}

const pad = (n, width = 2) => String(Math.abs(Math.trunc(n))).padStart(width, '0');

// Text holds the SDK's string helpers that scripts use.
export class Text {
  // toB24Format writes a date as Bitrix24 filters expect it:
  // 2024-01-02T03:04:05+00:00, in the server's time zone.
  static toB24Format(value) {
    let date = value;
    if (value && typeof value.toJSDate === 'function') date = value.toJSDate();
    if (!(date instanceof Date)) date = new Date(value);
    if (Number.isNaN(date.getTime())) return '';
    const offset = -date.getTimezoneOffset();
    const sign = offset >= 0 ? '+' : '-';
    return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}` +
      `T${pad(date.getHours())}:${pad(date.getMinutes())}:${pad(date.getSeconds())}` +
      `${sign}${pad(offset / 60)}:${pad(offset % 60)}`;
  }

  static getUuidRfc4122() {
    return native.uuid();
  }

  static getUniqId() {
    return native.uuid().replace(/-/g, '');
  }

  static toNumber(value) {
    const n = Number.parseFloat(value);
    return Number.isNaN(n) ? 0 : n;
  }

  static toInteger(value) {
    return Text.toNumber(Number.parseInt(value, 10));
  }

  static toBoolean(value, trueValues = []) {
    const s = String(value).toLowerCase();
    return ['true', 'y', '1', ...trueValues.map((v) => String(v).toLowerCase())].includes(s);
  }

  static capitalize(s) {
    const str = String(s);
    return str.charAt(0).toUpperCase() + str.slice(1);
  }
}
