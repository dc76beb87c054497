#!/usr/bin/env python3
"""Re-creates the seed corpora of tests/fuzz from real requests and answers (a developer tool;
CI only replays the committed files):

  emulator_request   requests signed by `cloudconform sign` for every API, style and scheme,
                     each after the control-plane call that creates the instances it names,
                     plus control-plane calls; the official SDKs' requests (sdk-*) are
                     captured into the same directory by capture_sdk_requests.py
  response_envelope  the emulator's answers to those requests, each with the API it answers
  catalogue_loader   fixtures/apis and the broken fixtures of the tests

usage: make_corpus.py BUILD_DIR FUZZ_BUILD_DIR   (e.g. build build: any build of the fuzz targets)

catalogue_loader's seeds (the API files, up to 21 KB) are larger than the inputs scripts/fuzz
lets that target have (-max_len=6144): merge them into its corpus with reduce_documents.py's
smaller variants, as that script's usage says.
"""
import glob, json, os, subprocess, sys

here = os.path.dirname(os.path.abspath(__file__))
root = os.path.normpath(os.path.join(here, '..', '..', '..'))
build, fuzz_build = (os.path.join(root, d) for d in sys.argv[1:3])
corpus = os.path.join(here, '..', 'corpus')

# The first instances an emulator with seed 1 creates (tests/fuzz/emulator_request.cpp).
IDS = {'cvm': ['ins-6gssa7uj', 'ins-6euxfluj'], 'lighthouse': ['lhins-6gssa7uj', 'lhins-6euxfluj'],
       'ecm': ['ein-6gssa7uj', 'ein-6euxfluj'], 'ecs': ['i-6gssa7uj6euxflujn49u', 'i-x56pxg1b6c1nvu0yg17q']}
STATES = {'stop': 'RUNNING', 'start': 'STOPPED'}


def params(api):
    ids = IDS[api['product']]
    names = {p['name']: p for p in api['parameters']}
    out = {}
    for name in ('InstanceIds', 'InstanceIdSet', 'InstanceId'):
        if name in names:
            out[name] = ids if names[name]['type'] == 'string-list' else ids[0]
    for p in api['parameters']:  # one documented value of each enumeration, to reach its check
        if p.get('enum'):
            out[p['name']] = p['enum'][0]
    return out


def frame(mode, requests):
    parts = []
    for method, target, headers, body in requests:
        head = '\n'.join([f'{method} {target}'] + [f'{k}: {v}' for k, v in headers.items()])
        parts.append(head + '\n\n' + body)
    return mode + '\n%%\n'.join(parts)


def signed(api, style, scheme):
    out = subprocess.run([os.path.join(build, 'suites', 'cloudconform'), 'sign', '--api', api['id'],
                          '--endpoint', 'http://127.0.0.1:8080', '--params', json.dumps(params(api)),
                          '--style', style, '--scheme', scheme], check=True, capture_output=True, text=True)
    r = json.loads(out.stdout)
    target = r['url'][len('http://127.0.0.1:8080'):] or '/'
    return r['method'], target, r['headers'], r['body']


def write(target, name, data):
    os.makedirs(os.path.join(corpus, target), exist_ok=True)
    with open(os.path.join(corpus, target, name), 'wb') as f:
        f.write(data if isinstance(data, bytes) else data.encode())


def main():
    apis = [json.load(open(f)) for f in sorted(glob.glob(os.path.join(root, 'fixtures/apis/*/*/*.json')))]
    requests = {}
    for api in apis:
        sign = api['signing']
        for style in sign['styles']:
            for scheme in sign['schemes']:
                create = ('POST', '/_cloudconform/v1/instances', {'Content-Type': 'application/json'},
                          json.dumps({'product': api['product'], 'count': 2,
                                      'state': STATES.get(api['kind'], 'RUNNING')}))
                requests[f"{api['id']}-{style}-{scheme}"] = frame('1', [create, signed(api, style, scheme)])
    control = [('GET', '/_cloudconform/v1/info', {}, ''),
               ('POST', '/_cloudconform/v1/config', {}, '{"transition_ms":0,"rate_limits":{"enabled":true,"overrides":{"TencentCvmStopInstances":5}},"deviations":["stop-ignored"]}'),
               ('POST', '/_cloudconform/v1/faults', {}, '{"api":"TencentLighthouseStopInstances","code":"FailedOperation","count":1}'),
               ('POST', '/_cloudconform/v1/instances', {}, '{"product":"cvm","state":"STOPPED","attributes":["security_locked"],"count":1}'),
               ('GET', '/_cloudconform/v1/instances?product=cvm', {}, ''),
               ('GET', '/_cloudconform/v1/requests?since=0', {}, ''),
               ('POST', '/_cloudconform/v1/reset', {}, '')]
    requests['control-plane'] = frame('0', control)
    for name, text in requests.items():
        write('emulator_request', name, text)
    for f in sorted(glob.glob(os.path.join(corpus, 'emulator_request', 'sdk-*'))):
        requests[os.path.basename(f)] = open(f).read()

    # The answers to those requests, as the harness receives them. The API byte is the index in
    # load_catalogue's order (file paths sorted).
    files = sorted(f for f in glob.glob(os.path.join(root, 'fixtures/apis/**/*.json'), recursive=True)
                   if os.path.basename(f) != 'common-errors.json')
    index = {json.load(open(f))['id']: i for i, f in enumerate(files)}
    binary = os.path.join(fuzz_build, 'tests', 'fuzz', 'fuzz_emulator_request')
    env = dict(os.environ, CLOUDCONFORM_FUZZ_VERBOSE='1')
    seen = set()
    for name, text in list(requests.items()) + [(n + '-expired', '0' + t[1:]) for n, t in requests.items()]:
        with open('/tmp/cc-make-corpus.in', 'w') as f:  # mode 0: the aged signature is refused
            f.write(text)
        out = subprocess.run([binary, '/tmp/cc-make-corpus.in'], env=env, capture_output=True, text=True).stdout
        lines = [l for l in out.splitlines() if ' -> ' in l and '/_cloudconform/' not in l and l not in seen]
        seen.update(lines)
        for i, line in enumerate(lines):
            status, body = line.split(' -> ', 1)[1].split(' ', 1)
            api = name.split('-')[0]
            if api not in index:
                continue
            head = bytes([index[api]]) + int(status).to_bytes(2, 'big') + b'\x00'  # application/json
            write('response_envelope', f'{name}-{i}', head + body.encode())

    for f in sorted(glob.glob(os.path.join(root, 'fixtures/apis/**/*.json'), recursive=True)
                    + glob.glob(os.path.join(root, 'tests/data/broken-fixtures/**/*.json'), recursive=True)):
        role = b'\x01' if os.path.basename(f) == 'common-errors.json' else b'\x00'
        name = os.path.relpath(f, root).replace('/', '_')
        write('catalogue_loader', name, role + open(f, 'rb').read())


main()
