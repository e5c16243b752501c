// result_class.js — the SDK's Result: data, keyed errors, and the helpers
// scripts use to report a job's outcome.

const ok = Result.ok({ count: 2 });
console.log(ok.isSuccess, JSON.stringify(ok.getData()), String(ok).replace(/\s+/g, ' '));
const r = new Result();
console.log(r.getData(), r.isSuccess);
r.addError('first problem', 'a').addError(new Error('second problem'), 'b');
r.addError('no key');
console.log(r.isSuccess, r.getErrorMessages().join('; '), r.hasError('a'), r.hasError('c'));
console.log(Object.keys(r.getErrorsByKey()).slice(0, 2).join(','), r.errors.size);
r.addError('replaced', 'a');
console.log(JSON.stringify(r.getErrorMessagesByKey().a), [...r.getErrors()].length);
console.log(String(r.setData([1])).split('\n')[1]);
const failed = Result.fail(new SdkError({ code: 'MY_CODE', description: 'custom failure', status: 418 }), 'job');
const e = failed.getErrorsByKey().job;
console.log(failed.isSuccess, e.name, e.code, e.status, e.message, e instanceof Error);
const ajax = new AjaxError({ code: 'X', requestInfo: { method: 'crm.deal.get', params: { auth: 'token' } } });
console.log(ajax.message, JSON.stringify(ajax.requestInfo), ajax.status);
console.log(new AjaxError({ code: 'AUTHORIZE_ERROR', status: 401 }).status, SdkError.fromException(new Error('wrapped')).code);
