'use strict';
// Runs `cloudconform emulate` for a test file: spawns the binary named by CLOUDCONFORM_BIN on a
// port the kernel picks, reads the address and credentials it prints, and arranges instances
// through the control plane (README.md, "Control plane"). The official SDKs then talk to it
// exactly as a user's code would.
const { spawn } = require('node:child_process');
const readline = require('node:readline');

const STARTUP_TIMEOUT_MS = 20000;

// Extra `emulate` arguments, e.g. CLOUDCONFORM_EMULATE_ARGS="--deviation wrong-not-found-code",
// so that the same tests can be run against a deliberately broken emulator.
function extraArgs() {
  const raw = process.env.CLOUDCONFORM_EMULATE_ARGS || '';
  return raw.split(/\s+/).filter(Boolean);
}

// The printed banner, e.g.
//   cloudconform emulator listening on http://127.0.0.1:41235
//     Tencent SecretId AKID...  SecretKey ...
//     Alibaba AccessKeyId LTAI...  AccessKeySecret ...
//     control plane http://127.0.0.1:41235/_cloudconform/v1/info
function parseBanner(lines) {
  const text = lines.join('\n');
  const baseUrl = /listening on (http:\/\/\S+)/.exec(text);
  const tencent = /Tencent SecretId (\S+)\s+SecretKey (\S+)/.exec(text);
  const alibaba = /Alibaba AccessKeyId (\S+)\s+AccessKeySecret (\S+)/.exec(text);
  if (!baseUrl || !tencent || !alibaba) return null;
  const url = new URL(baseUrl[1]);
  return {
    baseUrl: url.origin,
    host: url.host, // "127.0.0.1:PORT", what the SDKs take as their endpoint
    port: Number(url.port),
    tencent: { secretId: tencent[1], secretKey: tencent[2] },
    alibaba: { accessKeyId: alibaba[1], accessKeySecret: alibaba[2] },
  };
}

class Emulator {
  constructor(child, banner) {
    Object.assign(this, banner);
    this.child = child;
  }

  async control(method, path, body) {
    const res = await fetch(`${this.baseUrl}/_cloudconform/v1/${path}`, {
      method,
      headers: body === undefined ? {} : { 'content-type': 'application/json' },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await res.text();
    if (!res.ok) throw new Error(`control plane ${method} ${path}: HTTP ${res.status} ${text}`);
    return JSON.parse(text);
  }

  reset() {
    return this.control('POST', 'reset', {});
  }

  // Creates `count` instances of a product ("cvm", "lighthouse", "ecm", "ecs") in a canonical
  // state and answers their ids.
  async createInstances(product, state, count = 1) {
    const { instances } = await this.control('POST', 'instances', { product, state, count });
    return instances;
  }

  // The emulator's own view of an instance (canonical state), independent of any SDK.
  async stateOf(product, id) {
    const { instances } = await this.control('GET', `instances?product=${encodeURIComponent(product)}`);
    const found = instances.find((i) => i.id === id);
    return found ? found.state : undefined;
  }

  async stop() {
    if (this.child.exitCode !== null || this.child.signalCode !== null) return;
    const exited = new Promise((resolve) => this.child.once('exit', resolve));
    this.child.kill('SIGTERM');
    await exited;
  }
}

// Starts an emulator with instant transitions (STOPPING lands at STOPPED at once), so a test
// never waits on a clock.
async function startEmulator() {
  const bin = process.env.CLOUDCONFORM_BIN;
  if (!bin) throw new Error('CLOUDCONFORM_BIN is not set: the path of the cloudconform binary');
  const args = ['emulate', '--listen', '127.0.0.1:0', '--transition-ms', '0', ...extraArgs()];
  const child = spawn(bin, args, { stdio: ['ignore', 'pipe', 'pipe'] });
  let stderr = '';
  child.stderr.on('data', (d) => (stderr += d));
  const lines = [];
  const banner = await new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`${bin} printed no address within ${STARTUP_TIMEOUT_MS} ms: ${lines.join(' | ')} ${stderr}`));
    }, STARTUP_TIMEOUT_MS);
    const rl = readline.createInterface({ input: child.stdout });
    rl.on('line', (line) => {
      lines.push(line);
      const parsed = parseBanner(lines);
      if (parsed) {
        clearTimeout(timer);
        rl.removeAllListeners('line');
        child.stdout.resume(); // keep draining so the emulator never blocks on its output
        resolve(parsed);
      }
    });
    child.once('error', (e) => {
      clearTimeout(timer);
      reject(new Error(`cannot run ${bin}: ${e.message}`));
    });
    child.once('exit', (code, signal) => {
      clearTimeout(timer);
      reject(new Error(`${bin} ${args.join(' ')} exited (${code ?? signal}) before printing its address: ${stderr}`));
    });
  });
  child.removeAllListeners('exit');
  // Never outlive the test process, even when it dies before its `after` hook runs.
  process.once('exit', () => child.kill('SIGKILL'));
  return new Emulator(child, banner);
}

module.exports = { startEmulator };
