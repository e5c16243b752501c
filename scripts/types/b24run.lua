---@meta b24run
-- b24run.lua — LuaLS (lua-language-server) definitions of what b24run gives
-- Lua scripts: completion, hover docs and type checks in your editor.
--
-- Write it next to your scripts with `b24run types`, then tell LuaLS about it,
-- e.g. in .luarc.json: { "workspace.library": ["b24run.lua"], "runtime.version": "Lua 5.1" }.
--
-- Scripts run on Lua 5.1 (gopher-lua) with the base, string, table and math
-- libraries. There is no io, debug, package, coroutine, require, dofile or
-- loadfile, and os has only time, date, difftime and clock (seconds since the
-- run started). string.rep, string.format, string.gsub, table.concat and load
-- refuse to build strings larger than the run's limit (16 MiB by default).

---JSON null. Portal answers hold it wherever JSON has null, so arrays keep
---their positions and objects their members: compare with `v == b24.null`.
---tostring(b24.null) is "null".
---@class b24.Null

---A portal failure, raised as a Lua error: catch it with pcall and branch on
---its code. tostring(err) is "CODE: description"; getmetatable(err) is the
---string "b24.Error", which tells it from the errors of Lua itself.
---@class b24.Error
---@field code string the portal's error code (NOT_FOUND, ERROR_METHOD_NOT_FOUND, QUERY_LIMIT_EXCEEDED...); legacy CRM methods may answer with ""
---@field description string the portal's error_description
---@field message string the description, or "CODE (on method)" when the portal gave none
---@field status integer the HTTP status; 0 when no answer arrived
---@field method? string the REST method called ("batch" for a batch request)
---@field outcomeUnknown? boolean true for a write that may have run although no answer says so (it was not repeated)

---The time block of an answer.
---@class b24.Time
---@field start number unix seconds
---@field finish number unix seconds
---@field duration number seconds
---@field processing number seconds
---@field date_start? string
---@field date_finish? string
---@field operating? number seconds the portal charged to this method within its 10-minute window
---@field operating_reset_at? integer unix seconds

---What b24.callMethod returns (and callBatch with returnPayload, per command).
---@class b24.Payload
---@field result any the method's result: tables, strings, numbers, booleans, b24.null
---@field total? integer how many rows match, for list methods that count
---@field next? integer where the next page starts; nil on the last page
---@field time b24.Time

---Request params: a table of named fields. Tables with keys 1..n are sent as
---arrays; b24.array{} / b24.object{} say what an empty table is.
---@alias b24.Params table<string, any>

---One batch command: {'method', params} or {method = 'method', params = params}.
---@alias b24.Command { [1]: string, [2]: b24.Params? } | { method: string, params: b24.Params? }

---The portal, through the webhook configured on the server: scripts never see
---the webhook's secret.
---@class b24lib
b24 = {}

---Calls one REST method and returns its payload. A failure raises a b24.Error.
---
---```lua
---local deal = b24.callMethod('crm.deal.get', {id = 42}).result
---local page = b24.callMethod('crm.deal.list', {select = {'ID'}}, 50) -- the second page
---```
---@param method string the REST method, e.g. "crm.deal.list"
---@param params? b24.Params
---@param start? integer the offset of the page to read (sets params.start)
---@return b24.Payload
function b24.callMethod(method, params, start) end

---Runs up to 50 commands in one request. `calls` is a list of commands, or a
---table of named commands (sent in the order written; later commands can use
---earlier results through "$result[name][field]"). Returns two tables keyed
---like `calls`: the results (1..n, or the names) and the errors, which is nil
---when every command succeeded. A failed command has a b24.Error under its key
---in errors and nothing in results; with halt, the commands after the first
---failure did not run and are in neither.
---
---```lua
---local res, errs = b24.callBatch({me = {'user.current'}, deal = {'crm.deal.get', {id = 1}}})
---```
---@param calls b24.Command[] | table<string, b24.Command>
---@param halt? boolean stop at the first failing command (default true)
---@param returnPayload? boolean give each result as its whole b24.Payload (with total and next)
---@return table results
---@return table<any, b24.Error>? errors
function b24.callBatch(calls, halt, returnPayload) end

---Runs any number of commands, 50 to a request. Results and errors are keyed
---by each command's position in `calls` (or its name). When a whole chunk
---fails, each of its commands carries the chunk's error.
---@param calls b24.Command[] | table<string, b24.Command>
---@param halt? boolean stop each chunk at its first failing command (default true)
---@return table results
---@return table<any, b24.Error>? errors
function b24.callBatchByChunk(calls, halt) end

---Returns every row of a list method as one array, walked with keyset paging,
---50 pages to a request. Lists longer than the run's limit (1,000,000 rows by
---default) raise TOO_MANY_ROWS: walk those with fetchListMethod.
---
---```lua
---local items = b24.callListMethod('crm.item.list', {entityTypeId = 2, select = {'id'}}, 'items')
---```
---@param method string
---@param params? b24.Params
---@param customKey? string the member of the result holding the rows ("items", "tasks"); known methods need none
---@param progress? fun(percent: integer) called with 0, after each page but the first, and with 100, as the official SDK does
---@return table[] rows
---@overload fun(method: string, params: b24.Params?, progress: fun(percent: integer), customKey: string?): table[]
function b24.callListMethod(method, params, customKey, progress) end

---Walks a list method one page (at most 50 rows) per step, in constant
---memory. `break` is safe.
---
---```lua
---for page in b24.fetchListMethod('crm.deal.list', {select = {'ID', 'TITLE'}}) do
---  for _, deal in ipairs(page) do print(deal.ID, deal.TITLE) end
---end
---```
---@param method string
---@param params? b24.Params
---@param idKey? string the rows' id field when it is not "ID"
---@param customKey? string the member of the result holding the rows
---@return fun(): table[]? pages
function b24.fetchListMethod(method, params, idKey, customKey) end

---Returns the portal's origin, e.g. "https://company.bitrix24.com".
---@return string
function b24.getTargetOrigin() end

---Marks a table (a new one when called without) as a JSON array, so that it
---is sent and encoded as [] even when empty. Returns the table.
---@generic T: table
---@param t? T
---@return T
function b24.array(t) end

---Marks a table (a new one when called without) as a JSON object, so that it
---is sent and encoded as {} even when empty. Returns the table.
---@generic T: table
---@param t? T
---@return T
function b24.object(t) end

---JSON null.
---@type b24.Null
b24.null = nil

---JSON with the same mapping as the portal's answers.
---@class jsonlib
json = {}

---Encodes a value as JSON, the same bytes JavaScript's JSON.stringify writes.
---Raises an error for functions, cycles and non-string, non-number keys.
---@param value any
---@param indent? integer|string spaces (at most 10) or a string to indent with
---@return string
function json.encode(value, indent) end

---Decodes JSON: null is json.null, arrays and objects are marked tables,
---integers beyond 2^53 stay strings of their digits. Raises an error for
---invalid JSON.
---@param text string
---@return any
function json.decode(text) end

---JSON null (the same value as b24.null).
---@type b24.Null
json.null = nil

---The structured log, tagged with the script's name. Fields are a table, or
---alternating keys and values:
---
---```lua
---log.info('deal moved', {id = 42, stage = 'WON'})
---log.warn('slow page', 'ms', 1200)
---```
---@class loglib
log = {}

---@param message any
---@param ... any a table of fields, or keys and values
function log.debug(message, ...) end

---@param message any
---@param ... any a table of fields, or keys and values
function log.info(message, ...) end

---@param message any
---@param ... any a table of fields, or keys and values
function log.warn(message, ...) end

---@param message any
---@param ... any a table of fields, or keys and values
function log.error(message, ...) end

---What the host tells the script about its run.
---@class scriptinfo
script = {}

---The script's file name.
---@type string
script.name = ""

---The script's arguments (`b24run run file.lua -- a b`).
---@type string[]
script.args = {}

---True when writes are answered locally instead of being sent (`--dry-run`).
---@type boolean
script.dryRun = false

---The values the configuration exposes to scripts (never the webhook).
---@type table<string, string>
script.env = {}

---Registers a handler for a Bitrix24 event (case-insensitive, e.g.
---"ONCRMDEALADD"). The handler gets the decoded event: {event,
---event_handler_id, data, ts, auth}. A rule's top level runs for every
---delivery with portal calls refused: make them inside handlers.
---@param event string
---@param handler fun(event: {event: string, event_handler_id: string, data: table, ts: string, auth: table})
function on(event, handler) end

---Registers a handler to run on a schedule: a cron spec ("*/15 * * * *") or
---"@every 10m". The handler gets no argument.
---@param spec string
---@param handler fun()
function schedule(spec, handler) end
