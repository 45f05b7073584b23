// Runs the local Step Functions endpoint in its own process (so its CPU does not compete
// with the handler being measured) and prints its URL. Argument: latency in ms.
import { FakeStepFunctions } from '@sfn-callback/test-support';

const latencyMs = Number(process.argv[2] ?? 10);
const endpoint = await FakeStepFunctions.start({ latencyMs, record: false, acceptAnyToken: true });
process.stdout.write(`${JSON.stringify({ url: endpoint.url })}\n`);
process.on('SIGTERM', () => endpoint.stop().then(() => process.exit(0)));
