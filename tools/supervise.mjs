// Runs a command in its own process group and ends that group when this process's standard input
// closes, so a child server (Azurite, a Functions host) never outlives the test run or script that
// started it, even when that parent is killed with SIGKILL.
//   usage: node tools/supervise.mjs <command> [args...]     (keep stdin open as a pipe)
// SIGTERM/SIGINT to this process, or the end of stdin, stop the group: SIGTERM first, SIGKILL after
// a grace period. The exit code is the child's. With SUPERVISE_STDIN_ONLY=1, only the end of stdin
// does: a script that stops its children itself, in its own order (./run.sh: the service before the
// storage it writes to), keeps them from the Ctrl+C or SIGTERM its process group receives.
import { spawn } from 'node:child_process';
import os from 'node:os';

const [command, ...args] = process.argv.slice(2);
if (!command) {
  console.error('usage: node supervise.mjs <command> [args...]');
  process.exit(2);
}

const graceMs = Number(process.env.SUPERVISE_GRACE_MS ?? 5000);
const child = spawn(command, args, { stdio: ['ignore', 'inherit', 'inherit'], detached: true });
let stopping = false;
// The child's process id (and group id), for whoever needs to signal it directly.
if (child.pid) console.error(`supervise: child pid ${child.pid}`);

function signalGroup(signal) {
  try {
    process.kill(-child.pid, signal);
  } catch {
    // the group is already gone
  }
}

function stop() {
  if (stopping) return;
  stopping = true;
  signalGroup('SIGTERM');
  setTimeout(() => {
    signalGroup('SIGKILL');
    process.exit(137);
  }, graceMs).unref();
}

child.on('error', (error) => {
  console.error(`supervise: cannot start ${command}: ${error.message}`);
  process.exit(127);
});
child.on('exit', (code, signal) => {
  // Whatever the child left in its group goes with it.
  signalGroup('SIGKILL');
  process.exit(code ?? 128 + (os.constants.signals[signal] ?? 1));
});

process.stdin.on('end', stop);
process.stdin.on('close', stop);
process.stdin.on('error', stop);
process.stdin.resume();
const stdinOnly = process.env.SUPERVISE_STDIN_ONLY === '1';
for (const signal of ['SIGTERM', 'SIGINT', 'SIGHUP']) process.on(signal, stdinOnly ? () => {} : stop);
