// The prelude: the JavaScript half of the b24run runtime, run in every fresh
// runtime before the user's script. It is bundled by esbuild into one
// function (native, out) compiled once per process: `native` is the Go side
// of one run (portal calls, timers, output), `out` receives the built-in
// module that `import ... from '@bitrix24/b24jssdk'` resolves to.

import { AjaxError, AjaxResult, Result, SdkError } from './result.js';
import { B24Hook, client } from './client.js';
import * as extras from './extras.js';
import { installGlobals } from './globals.js';
import { format, inspect } from './inspect.js';

const info = native.info();
const b24 = client();

// The built-in module's exports. Keep in step with sdkExports in Go.
const sdk = {
  B24Hook,
  Result,
  AjaxResult,
  AjaxError,
  SdkError,
  ApiVersion: extras.ApiVersion,
  EnumCrmEntityType: extras.EnumCrmEntityType,
  EnumCrmEntityTypeId: extras.EnumCrmEntityTypeId,
  EnumCrmEntityTypeShort: extras.EnumCrmEntityTypeShort,
  LogLevel: extras.LogLevel,
  Logger: extras.Logger,
  NullLogger: extras.NullLogger,
  LoggerFactory: extras.LoggerFactory,
  ConsoleHandler: extras.ConsoleHandler,
  ConsoleV2Handler: extras.ConsoleV2Handler,
  LineFormatter: extras.LineFormatter,
  ParamsFactory: extras.ParamsFactory,
  Text: extras.Text,
};

installGlobals(b24, sdk, info);
__b24run_out.sdk = sdk;
__b24run_out.inspect = inspect;
__b24run_out.format = format;
