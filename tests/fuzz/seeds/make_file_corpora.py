#!/usr/bin/env python3
"""Writes the seeds of the fuzz targets for the files users hand the tool, and of the signing
target (a developer tool; CI only replays the committed files). Each seed is small and means
something: a file the tool reads as it is, or one mistake it must refuse. After a run,
`fuzz_<target> -merge=1 corpus/<target> NEW` keeps what adds coverage (README "Sanitizers and
fuzzing").

  results_reader     tests/reports/data (canary, assertions) and two cases of a clean run, each
                     once per command (byte 0: the command results_reader.cpp runs)
  expectations_file  fixtures/expectations, a pattern list with a deviation, a bad pattern
  target_profile     fixtures/targets with tccli and aliyun credentials files (byte 0: profile
                     name and environment), and a bad id, a bad mode
  replay_file        a replay file of every step kind, and one without a schema
  signing            every API x scheme x style of its provider, with list, text and odd values

results_reader's larger seeds are larger than the inputs scripts/fuzz lets that target have
(-max_len=6144): merge them into its corpus with reduce_documents.py's smaller variants, as that
script's usage says.

usage: make_file_corpora.py
"""
import json, os

here = os.path.dirname(os.path.abspath(__file__))
root = os.path.normpath(os.path.join(here, '..', '..', '..'))
corpus = os.path.join(here, '..', 'corpus')


def write(target, name, data):
    os.makedirs(os.path.join(corpus, target), exist_ok=True)
    with open(os.path.join(corpus, target, name), 'wb') as f:
        f.write(data if isinstance(data, bytes) else data.encode())


def read(*path):
    with open(os.path.join(root, *path), 'rb') as f:
        return f.read()


# How many commands fuzz_results_reader picks from by byte 0 (report files, summary, outcomes,
# verdict, diff, merge: results_reader.cpp's report()).
RESULTS_COMMANDS = 8


def results():
    def each_command(name, data):
        data = data if isinstance(data, bytes) else data.encode()
        for k in range(RESULTS_COMMANDS):
            write('results_reader', f'{name}.{k}', bytes([k]) + data)

    for name in ('canary.json', 'assertions.json'):
        each_command(name, read('tests', 'reports', 'data', name))
    clean = json.loads(read('tests', 'reports', 'data', 'clean.json'))
    clean['cases'] = [c for c in clean['cases'][:2]]
    for c in clean['cases']:
        c['transcript'] = c.get('transcript', [])[:1]
    clean.pop('coverage', None)
    each_command('clean-two-cases.json', json.dumps(clean))
    each_command('bad-outcome.json', json.dumps(
        {'schema': 'cloudconform.results/1', 'cases': [{'id': 'A.B', 'outcome': 'maybe'}]}))


def expectations():
    write('expectations_file', 'emulator.json', read('fixtures', 'expectations', 'emulator.json'))
    write('expectations_file', 'patterns.json', json.dumps({
        'target': 'canary', 'expected_failures': [
            {'case': 'TencentCvmStopInstances\\..*', 'reason': 'known', 'link': 'https://example.com/1'},
            {'case': 'AlibabaEcsStopInstance.StopsARunningInstance', 'reason': 'slow', 'link': '',
             'outcome': 'deviation'}]}))
    write('expectations_file', 'bad-pattern.json', json.dumps({
        'target': 'x', 'expected_failures': [{'case': '([', 'reason': 'r', 'link': ''}]}))


def profiles():
    tccli = json.dumps({'secretId': 'AKIDfuzz', 'secretKey': 'fuzz-key', 'token': 't'})
    aliyun = json.dumps({'current': 'default', 'profiles': [
        {'name': 'default', 'mode': 'AK', 'access_key_id': 'LTAIfuzz', 'access_key_secret': 's'},
        {'name': 'work', 'mode': 'StsToken', 'access_key_id': 'LTAIwork', 'access_key_secret': 's',
         'sts_token': 'tok'}]})
    for i, name in enumerate(('emulator.json', 'tencent-example.json', 'alibaba-example.json')):
        text = read('fixtures', 'targets', name).decode()
        write('target_profile', name, bytes([i]) + f'{text}\n%%\n{tccli}\n%%\n{aliyun}'.encode())
    write('target_profile', 'env-credentials', b'\x80' + read('fixtures', 'targets', 'tencent-example.json'))
    write('target_profile', 'bad-id', b'\x01' + json.dumps(
        {'kind': 'tencent', 'region': 'ap-guangzhou', 'instances': {'cvm': ['i-bp67acfmxazb4ph6a2b3']}}).encode())
    write('target_profile', 'bad-mode', b'\x02' + read('fixtures', 'targets', 'alibaba-example.json')
          + b'\n%%\n{}\n%%\n' + json.dumps({'profiles': [{'name': 'work', 'mode': 'RamRoleArn'}]}).encode())


def replays():
    write('replay_file', 'every-step.json', json.dumps({
        'schema': 'cloudconform.replay/1', 'case': 'TencentCvmStopInstances.Property.Batch',
        'api': 'TencentCvmStopInstances', 'stage': {'transition_ms': 50}, 'wait_bound_ms': 2000,
        'instances': [{'label': 'i0', 'state': 'RUNNING', 'attributes': []},
                      {'label': 'i1', 'state': 'STOPPED', 'attributes': ['security_locked']}],
        'steps': [
            {'do': 'call', 'api': 'TencentCvmStopInstances', 'params': {'InstanceIds': ['<i0>', '<i1>']}},
            {'do': 'together', 'calls': [{'api': 'TencentCvmStopInstances', 'params': {'InstanceIds': ['<i0>']}},
                                         {'api': 'TencentCvmStartInstances', 'params': {'InstanceIds': ['<i0>']}}]},
            {'do': 'observe', 'instances': ['i0', 'i1']}, {'do': 'wait', 'instances': ['i0']},
            {'do': 'signed', 'api': 'TencentCvmStopInstances', 'params': {'InstanceIds': ['<i0>']},
             'style': 'GET-QUERY', 'scheme': 'HmacSHA256'},
            {'do': 'corrupted', 'api': 'TencentCvmStopInstances', 'params': {'InstanceIds': ['<i0>']},
             'style': 'POST-JSON', 'scheme': 'TC3-HMAC-SHA256', 'part': 'id', 'marker': '<i0>', 'position': 3}]}))
    write('replay_file', 'no-schema.json', json.dumps({'api': 'AlibabaEcsStopInstance', 'steps': []}))


def signing():
    # Byte 0 picks the API in catalogue order (16 APIs), byte 1 one of its provider's schemes
    # and styles (6 Tencent, 4 Alibaba): every pair is covered whatever the order. Byte 3 the
    # property signing.cpp checks (B, C, A and D): each pair once for each.
    params = ('InstanceIds=["ins-6gssa7uj","ins-6euxfluj"]\nInstanceId=i-6gssa7uj6euxflujn49u\n'
              'StoppedMode=KeepCharging\nLimit=10\n')
    odd = 'Note=a b+c/d?e&f=g~h%i*\'()!$,;:@ \u00e9\u4e2d\U0001F600\nEmpty=\n'
    for api in range(16):
        for c in range(6):
            for p in range(3):
                write('signing', f'api{api:02d}-choice{c}-p{p}',
                      bytes([api, c, (7 * api + c) % 256, p]) + (params + odd).encode())


results(); expectations(); profiles(); replays(); signing()
