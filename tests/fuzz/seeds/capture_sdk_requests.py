#!/usr/bin/env python3
"""Stands in for `cloudconform emulate` in the interop tests and writes down every request the
official SDKs send, in the emulator fuzz target's framing (a developer tool for the seeds):

  CLOUDCONFORM_BIN=tests/fuzz/seeds/capture_sdk_requests.py CLOUDCONFORM_REAL_BIN=build/suites/cloudconform \
  CLOUDCONFORM_CAPTURE_DIR=tests/fuzz/corpus/emulator_request node --test tests/interop/tencent-cvm.test.js

It runs the real emulator, puts a loopback proxy in front of it and prints the emulator's banner
with the proxy's address; the proxy forwards each request unchanged (Host included, so the
signatures still verify) and saves the provider calls as sdk-<hash> files.
"""
import hashlib, http.client, os, re, signal, subprocess, sys, threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

child = subprocess.Popen([os.environ['CLOUDCONFORM_REAL_BIN']] + sys.argv[1:], stdout=subprocess.PIPE, text=True)
signal.signal(signal.SIGTERM, lambda *_: (child.terminate(), os._exit(0)))
banner = []
for line in child.stdout:
    banner.append(line)
    if 'control plane' in line:
        break
upstream = re.search(r'listening on http://(\S+)', ''.join(banner)).group(1)
out_dir = os.environ['CLOUDCONFORM_CAPTURE_DIR']
os.makedirs(out_dir, exist_ok=True)


class Proxy(BaseHTTPRequestHandler):
    protocol_version = 'HTTP/1.1'

    def handle_one(self):
        body = self.rfile.read(int(self.headers.get('Content-Length', 0) or 0))
        if not self.path.startswith('/_cloudconform/'):
            text = '\n'.join([f'{self.command} {self.path}'] + [f'{k}: {v}' for k, v in self.headers.items()])
            text = '1' + text + '\n\n' + body.decode('utf-8', 'replace')
            name = 'sdk-' + hashlib.sha1(text.encode()).hexdigest()[:16]
            with open(os.path.join(out_dir, name), 'w') as f:
                f.write(text)
        conn = http.client.HTTPConnection(upstream)
        conn.request(self.command, self.path, body=body, headers=dict(self.headers.items()))
        r = conn.getresponse()
        data = r.read()
        self.send_response(r.status)
        for k, v in r.getheaders():
            if k.lower() not in ('content-length', 'connection', 'transfer-encoding', 'server', 'date'):
                self.send_header(k, v)
        self.send_header('Content-Length', str(len(data)))
        self.end_headers()
        self.wfile.write(data)

    do_GET = do_POST = do_PUT = do_DELETE = handle_one

    def log_message(self, *args):
        pass


server = ThreadingHTTPServer(('127.0.0.1', 0), Proxy)
mine = f'127.0.0.1:{server.server_address[1]}'
sys.stdout.write(''.join(banner).replace(upstream, mine))
sys.stdout.flush()
threading.Thread(target=server.serve_forever, daemon=True).start()
child.wait()
