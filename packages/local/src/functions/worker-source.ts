/**
 * The code each function's worker thread runs (given to `new Worker(code, { eval: true })`,
 * so that it needs no file of its own in the published package). It loads the function's
 * bundled module the way the Lambda Node.js runtime does — `dir/file.export` handler, `.js`,
 * `.mjs` then `.cjs` — once (the cold start), then answers one invocation at a time with a
 * Lambda-like context. Only promise-returning (async) handlers are supported, as on nodejs24.x.
 */
/** The line a worker writes on stdout and stderr after invocation `id`'s output. */
export const endOfInvocationMark = (id: number): string => `\u0000end ${id}`;

export const WORKER_SOURCE = `
const { parentPort, workerData } = require('node:worker_threads');
const { existsSync } = require('node:fs');
const { join } = require('node:path');
const { pathToFileURL } = require('node:url');

const { codeDirectory, handler, functionName, functionArn, memorySize } = workerData;
let loaded;

function locate() {
  const slash = handler.lastIndexOf('/');
  const directory = slash === -1 ? '' : handler.slice(0, slash);
  const base = slash === -1 ? handler : handler.slice(slash + 1);
  const dot = base.indexOf('.');
  if (dot <= 0) throw Object.assign(new Error('Bad handler ' + handler), { name: 'Runtime.MalformedHandlerName' });
  const moduleName = base.slice(0, dot);
  const path = base.slice(dot + 1).split('.');
  for (const extension of ['.js', '.mjs', '.cjs']) {
    const file = join(codeDirectory, directory, moduleName + extension);
    if (existsSync(file)) return { file, path };
  }
  throw Object.assign(new Error("Cannot find module '" + join(directory, moduleName) + "'"), {
    name: 'Runtime.ImportModuleError',
  });
}

async function load() {
  const { file, path } = locate();
  const module = await import(pathToFileURL(file).href);
  const find = (root) => path.reduce((value, key) => (value == null ? undefined : value[key]), root);
  const fn = find(module) ?? find(module.default);
  if (typeof fn !== 'function') {
    throw Object.assign(new Error(handler + ' is undefined or not exported'), { name: 'Runtime.HandlerNotFound' });
  }
  return fn;
}

parentPort.on('message', async (message) => {
  const { id, event, deadline, requestId } = message;
  const context = {
    functionName,
    functionVersion: '$LATEST',
    invokedFunctionArn: functionArn,
    memoryLimitInMB: String(memorySize),
    awsRequestId: requestId,
    logGroupName: '/aws/lambda/' + functionName,
    logStreamName: 'local/[$LATEST]' + requestId.replaceAll('-', ''),
    callbackWaitsForEmptyEventLoop: true,
    getRemainingTimeInMillis: () => Math.max(0, deadline - Date.now()),
  };
  let reply;
  try {
    loaded ??= load();
    const fn = await loaded;
    reply = { id, ok: true, result: await fn(event, context) };
  } catch (error) {
    reply = {
      id,
      ok: false,
      errorType: (error && error.name) || 'Error',
      errorMessage: (error && error.message) || String(error),
    };
  }
  // After everything the invocation printed: the main thread ends the invocation once it has
  // read up to these marks on both streams, so that no log line is lost.
  process.stdout.write('\\u0000end ' + id + '\\n');
  process.stderr.write('\\u0000end ' + id + '\\n');
  parentPort.postMessage(reply);
});
`;
