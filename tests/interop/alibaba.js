'use strict';
// ECS 2014-05-26 scenarios shared by the two official Alibaba Node SDKs. Each SDK file supplies
// an adapter that calls its own client and reads its own parsed result, so what is asserted is
// what that SDK hands its user:
//   stopInstances({ids, batchOptimization, dryRun}), startInstances({ids}),
//   stopInstance({id, dryRun}), startInstance({id})
//       -> {requestId, status, results: [{instanceId, code, previousStatus, currentStatus}]}
//          (status: the HTTP status where the SDK exposes one on success, else undefined)
//   describeInstances(ids), describeInstanceStatus(ids) -> {requestId, instances: [{id, status}]}
//   rejected(e) -> {code, dataCode, status, requestId}  from what the SDK threw
const { describe, it, before, after } = require('node:test');
const assert = require('node:assert/strict');
const { startEmulator } = require('./emulator');
const { randomId } = require('./ids');

const REGION = 'cn-hangzhou';

// Seeds 003 (StopInstances) and 004 (StopInstance), each code with its HTTP status.
const INCORRECT_STATUS = { codes: ['IncorrectInstanceStatus'], status: 403 };
const NOT_FOUND_BATCH = { codes: ['InvalidInstanceId.NotFound', 'InvalidInstanceIds.NotFound'], status: 404 };
const NOT_FOUND_SINGLE = { codes: ['InvalidInstanceId.NotFound'], status: 404 };
const DRY_RUN_BATCH = { codes: ['DRYRUN.SUCCESS'], status: 400 }; // seed 003
const DRY_RUN_SINGLE = { codes: ['DryRunOperation'], status: 400 }; // seed 004; 400 per protocols.md B

async function rejection(sdk, promise) {
  let answer;
  try {
    answer = await promise;
  } catch (e) {
    return sdk.rejected(e);
  }
  assert.fail(`the call succeeded: ${JSON.stringify(answer)}`);
}

function assertDocumentedError(got, documented) {
  assert.ok(documented.codes.includes(got.code), `code ${got.code}, documented ${documented.codes}`);
  assert.equal(got.dataCode, got.code, 'the error body Code and the SDK code differ');
  assert.equal(got.status, documented.status, `HTTP ${got.status} for ${got.code}`);
  assert.match(String(got.requestId), /^[0-9A-F-]{16,}$/, 'no RequestId in the error body');
}

function assertRequestId(id) {
  assert.match(String(id), /^[0-9A-F-]{16,}$/, 'the SDK parsed no RequestId');
}

// name: a title; makeSdk(emu) -> adapter
function alibabaEcsTests(name, makeSdk) {
  describe(name, () => {
    let emu;
    let sdk;
    before(async () => {
      emu = await startEmulator();
      sdk = makeSdk(emu, REGION);
    });
    after(async () => emu && emu.stop());
    const stateOf = (id) => emu.stateOf('ecs', id);
    const running = (n = 1) => emu.createInstances('ecs', 'RUNNING', n);
    const stopped = (n = 1) => emu.createInstances('ecs', 'STOPPED', n);

    it('StopInstances stops RUNNING instances, DescribeInstances shows them Stopping or Stopped, StartInstances starts them', async () => {
      const ids = await running(2);
      const stop = await sdk.stopInstances({ ids });
      assertRequestId(stop.requestId);
      if (stop.status !== undefined) assert.equal(stop.status, 200);
      for (const id of ids) assert.ok(['STOPPING', 'STOPPED'].includes(await stateOf(id)));

      const described = await sdk.describeInstances(ids);
      assertRequestId(described.requestId);
      assert.deepEqual(described.instances.map((i) => i.id).sort(), [...ids].sort());
      for (const i of described.instances) assert.ok(['Stopping', 'Stopped'].includes(i.status), i.status);
      const statuses = await sdk.describeInstanceStatus(ids);
      assert.deepEqual(
        statuses.instances.map((i) => [i.id, i.status]).sort(),
        described.instances.map((i) => [i.id, i.status]).sort(),
      );

      const start = await sdk.startInstances({ ids });
      assertRequestId(start.requestId);
      assert.notEqual(start.requestId, stop.requestId);
      for (const i of (await sdk.describeInstances(ids)).instances)
        assert.ok(['Starting', 'Running'].includes(i.status), i.status);
    });

    it('SuccessFirst stops what it can and reports each instance', async () => {
      const [run] = await running();
      const [stop] = await stopped();
      const r = await sdk.stopInstances({ ids: [run, stop], batchOptimization: 'SuccessFirst' });
      assertRequestId(r.requestId);
      const byId = Object.fromEntries(r.results.map((x) => [x.instanceId, x]));
      assert.deepEqual(Object.keys(byId).sort(), [run, stop].sort(), JSON.stringify(r.results));
      assert.equal(byId[run].code, '200');
      assert.equal(byId[run].previousStatus, 'Running');
      assert.ok(['Stopping', 'Stopped'].includes(byId[run].currentStatus), byId[run].currentStatus);
      assert.ok(INCORRECT_STATUS.codes.includes(byId[stop].code), byId[stop].code);
      assert.ok(['STOPPING', 'STOPPED'].includes(await stateOf(run)));
      assert.equal(await stateOf(stop), 'STOPPED');
    });

    it('StopInstances rejects a STOPPED instance with IncorrectInstanceStatus and HTTP 403, changing nothing', async () => {
      const [run] = await running();
      const [stop] = await stopped();
      assertDocumentedError(await rejection(sdk, sdk.stopInstances({ ids: [run, stop] })), INCORRECT_STATUS);
      assert.equal(await stateOf(run), 'RUNNING'); // AllTogether, the default: all or nothing
      assert.equal(await stateOf(stop), 'STOPPED');
    });

    it('StopInstances rejects an id that names no instance with the documented not-found code and HTTP 404', async () => {
      await running(); // the account is not empty
      const id = randomId('i-', 20);
      assert.equal(await stateOf(id), undefined);
      assertDocumentedError(await rejection(sdk, sdk.stopInstances({ ids: [id] })), NOT_FOUND_BATCH);
    });

    it('StopInstances with DryRun answers DRYRUN.SUCCESS with HTTP 400 and stops nothing', async () => {
      const [id] = await running();
      assertDocumentedError(await rejection(sdk, sdk.stopInstances({ ids: [id], dryRun: true })), DRY_RUN_BATCH);
      assert.equal(await stateOf(id), 'RUNNING');
    });

    it('StopInstance stops a RUNNING instance and StartInstance starts it again', async () => {
      const [id] = await running();
      const stop = await sdk.stopInstance({ id });
      assertRequestId(stop.requestId);
      assert.ok(['STOPPING', 'STOPPED'].includes(await stateOf(id)));
      const start = await sdk.startInstance({ id });
      assertRequestId(start.requestId);
      assert.ok(['STARTING', 'RUNNING'].includes(await stateOf(id)));
    });

    it('StopInstance rejects a STOPPED instance and an unknown id with their documented codes and statuses', async () => {
      const [stop] = await stopped();
      assertDocumentedError(await rejection(sdk, sdk.stopInstance({ id: stop })), INCORRECT_STATUS);
      assert.equal(await stateOf(stop), 'STOPPED');
      const id = randomId('i-', 20);
      assert.equal(await stateOf(id), undefined);
      assertDocumentedError(await rejection(sdk, sdk.stopInstance({ id })), NOT_FOUND_SINGLE);
    });

    it('StopInstance with DryRun answers DryRunOperation with HTTP 400 and stops nothing', async () => {
      const [id] = await running();
      assertDocumentedError(await rejection(sdk, sdk.stopInstance({ id, dryRun: true })), DRY_RUN_SINGLE);
      assert.equal(await stateOf(id), 'RUNNING');
    });
  });
}

module.exports = { alibabaEcsTests };
