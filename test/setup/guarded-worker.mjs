/**
 * Entry of every file worker started where the no-network guard is loaded (see
 * refuse-network.mjs): loads the guard into the worker thread, then the worker's own module,
 * whose URL the guarded Worker appended to the thread's argv (and which is taken off again).
 */
import './refuse-network.mjs';

const target = process.argv.pop();
await import(target);
