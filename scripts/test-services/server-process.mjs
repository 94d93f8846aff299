// A private server process for one test run: output to a log file, a readiness wait that reports the log when
// the server dies, a stop that escalates to SIGKILL, and a watchdog that stops it if the test command is killed.
import { spawn } from 'node:child_process';
import { closeSync, existsSync, openSync, readFileSync } from 'node:fs';
import { freePort } from './net.mjs';

function sleep(ms) {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

export function logTail(logFile, lines = 15) {
  if (!existsSync(logFile)) return '(no output)';
  const text = readFileSync(logFile, 'utf8').trimEnd();
  return text ? text.split('\n').slice(-lines).join('\n') : '(no output)';
}

// A SIGKILL (an OOM kill, a CI timeout) gives the test command no chance to stop its servers; this shell outlives it,
// notices within a second, stops the server as `stop()` would, and removes the run's directory.
const WATCHDOG = `
owner=$1; server=$2; signal=$3; dir=$4
while kill -0 "$owner" 2>/dev/null; do sleep 1; done
kill -"$signal" "$server" 2>/dev/null
tries=0
while kill -0 "$server" 2>/dev/null && [ "$tries" -lt 50 ]; do sleep 0.2; tries=$((tries + 1)); done
kill -KILL "$server" 2>/dev/null
if [ -n "$dir" ]; then rm -rf "$dir"; fi
`;

function startWatchdog(serverPid, stopSignal, dir) {
  const watchdog = spawn('sh', ['-c', WATCHDOG, 'watchdog', String(process.pid), String(serverPid), stopSignal.replace(/^SIG/, ''), dir ?? ''],
    { stdio: 'ignore', detached: true });
  watchdog.on('error', () => undefined);
  watchdog.unref();
  return watchdog;
}

/**
 * Starts `command` in its own process group (so a Ctrl-C in the terminal reaches Jest, not the servers, and the
 * test command stops them in order). `uid`/`gid` run it as another user. `dir` is removed if the test command is
 * killed without stopping the server.
 */
export function spawnServer(command, args, { logFile, env = process.env, uid, gid, stopSignal = 'SIGTERM', dir }) {
  const log = openSync(logFile, 'a');
  const child = spawn(command, args, { stdio: ['ignore', log, log], detached: true, env, ...(uid === undefined ? {} : { uid, gid }) });
  closeSync(log);
  const watchdog = child.pid === undefined ? undefined : startWatchdog(child.pid, stopSignal, dir);
  let ended = false;
  let failure;
  const exited = new Promise((resolve) => {
    child.once('exit', (code, signal) => {
      ended = true;
      watchdog?.kill('SIGKILL');
      resolve({ code, signal });
    });
    child.once('error', (error) => {
      ended = true;
      failure = error;
      resolve({ code: null, signal: null });
    });
  });

  return {
    get pid() {
      return child.pid;
    },
    exited,

    /** Polls `ready()` until it is true; throws with the server's last log lines if it exits or takes too long. */
    async waitUntil(ready, what, timeoutMs = 30_000) {
      const deadline = Date.now() + timeoutMs;
      while (Date.now() < deadline) {
        if (ended) {
          const how = failure ? failure.message : `exit code ${child.exitCode ?? child.signalCode}`;
          throw new Error(`${what} stopped before it was ready (${how}):\n${logTail(logFile)}`);
        }
        if (await ready()) return;
        await sleep(100);
      }
      throw new Error(`${what} was not ready after ${timeoutMs / 1000} s:\n${logTail(logFile)}`);
    },

    async stop(timeoutMs = 10_000) {
      watchdog?.kill('SIGKILL');
      if (ended) return;
      child.kill(stopSignal);
      const killer = setTimeout(() => child.kill('SIGKILL'), timeoutMs);
      await exited;
      clearTimeout(killer);
    },
  };
}

/** A service the test command cannot provide on this machine; the message says why. */
export class ServiceUnavailable extends Error {}

/** Runs a command to completion; resolves with its output, rejects with it when the command fails. */
export function run(command, args, options = {}) {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { stdio: options.stdio ?? ['ignore', 'pipe', 'pipe'], ...options });
    let output = '';
    child.stdout?.on('data', (chunk) => (output += chunk));
    child.stderr?.on('data', (chunk) => (output += chunk));
    child.once('error', (error) => reject(new Error(`${command}: ${error.message}`)));
    child.once('close', (code, signal) => {
      if (code === 0) resolve(output);
      else reject(new Error(`${command} ${args.join(' ')} failed (${signal ?? `exit code ${code}`})${output ? `:\n${output.trimEnd()}` : ''}`));
    });
  });
}

/** Calls `start(port)` with a free port, trying again with another if a race took it first. */
export async function onFreePort(start) {
  for (let attempt = 1; ; attempt += 1) {
    try {
      return await start(await freePort());
    } catch (error) {
      if (attempt === 3 || !/address already in use|could not bind/i.test(error.message)) throw error;
    }
  }
}
