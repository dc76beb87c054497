'use strict';
// The official Tencent Cloud Node SDK (tencentcloud-sdk-nodejs, unpatched) against the
// emulator, one product per test file. The SDK is pointed at the emulator the way a user would:
// httpProfile.endpoint = "127.0.0.1:PORT" and protocol "http://". It then signs TC3 with the
// host without the port and service "127" (protocols.md D1, D2) — the emulator must accept that.
const { describe, it, before, after } = require('node:test');
const assert = require('node:assert/strict');
const { startEmulator } = require('./emulator');
const { randomId } = require('./ids');

// signing: {signMethod, reqMethod} to change the SDK's defaults (TC3-HMAC-SHA256, POST JSON);
// left out, not undefined, when unchanged, since the SDK merges httpProfile with Object.assign.
function tencentClient(Client, emu, signing = {}) {
  const httpProfile = { endpoint: emu.host, protocol: 'http://' };
  if (signing.reqMethod) httpProfile.reqMethod = signing.reqMethod;
  const profile = { httpProfile };
  if (signing.signMethod) profile.signMethod = signing.signMethod;
  return new Client({
    credential: { secretId: emu.tencent.secretId, secretKey: emu.tencent.secretKey },
    region: 'ap-guangzhou',
    profile,
  });
}

// The other ways a user can configure the SDK to sign and send: TC3 over GET (the query is
// signed as sent, protocols.md D3), and signature v1 in a form body or a query, which adds the
// SDK's RequestClient parameter.
const OTHER_SIGNINGS = [
  { signMethod: 'TC3-HMAC-SHA256', reqMethod: 'GET' },
  { signMethod: 'HmacSHA256', reqMethod: 'POST' },
  { signMethod: 'HmacSHA1', reqMethod: 'GET' },
];

// The SDK throws TencentCloudSDKHttpException with the envelope's Error.Code as `code` and the
// answer's RequestId as `requestId`. Answers the exception, failing if the call succeeded.
async function rejection(promise) {
  try {
    const data = await promise;
    assert.fail(`the call succeeded: ${JSON.stringify(data)}`);
  } catch (e) {
    if (e instanceof assert.AssertionError) throw e;
    assert.equal(e.constructor.name, 'TencentCloudSDKHttpException', `not an SDK exception: ${e.stack}`);
    return e;
  }
}

function assertRequestId(id) {
  assert.match(String(id), /^[0-9a-fA-F-]{16,}$/, 'the SDK parsed no RequestId');
}

// product: {
//   name: "cvm", Client, idPrefix: "ins-",
//   ids: "InstanceIds" | "InstanceIdSet"      the instance list parameter of Stop/StartInstances
//   describe(client, id) -> [{InstanceId, InstanceState}]   through the SDK
//   stoppedCodes: [...]    the documented codes for stopping a STOPPED instance
//   notFoundCodes: [...] | null   the documented not-found codes (null: the page lists none)
//   malformedCodes: [...]  the documented codes for an id of the wrong form
// }
function tencentProductTests(product) {
  describe(`tencentcloud-sdk-nodejs ${product.name}`, () => {
    let emu;
    let client;
    before(async () => {
      emu = await startEmulator();
      client = tencentClient(product.Client, emu);
    });
    after(async () => emu && emu.stop());

    const stop = (ids) => client.StopInstances({ [product.ids]: ids });
    const start = (ids) => client.StartInstances({ [product.ids]: ids });

    it('stops a RUNNING instance, describes it STOPPING or STOPPED, and starts it again', async () => {
      const [id] = await emu.createInstances(product.name, 'RUNNING');
      const stopped = await stop([id]);
      assertRequestId(stopped.RequestId);
      assert.ok(['STOPPING', 'STOPPED'].includes(await emu.stateOf(product.name, id)));

      const described = await product.describe(client, id);
      assert.equal(described.length, 1, `DescribeInstances answered ${JSON.stringify(described)}`);
      assert.equal(described[0].InstanceId, id);
      assert.ok(['STOPPING', 'STOPPED'].includes(described[0].InstanceState), described[0].InstanceState);

      const started = await start([id]);
      assertRequestId(started.RequestId);
      assert.notEqual(started.RequestId, stopped.RequestId);
      const again = await product.describe(client, id);
      assert.ok(['STARTING', 'RUNNING'].includes(again[0].InstanceState), again[0].InstanceState);
    });

    for (const signing of OTHER_SIGNINGS) {
      it(`stops, describes and starts with signMethod ${signing.signMethod} over ${signing.reqMethod}`, async () => {
        const other = tencentClient(product.Client, emu, signing);
        const [id] = await emu.createInstances(product.name, 'RUNNING');
        assertRequestId((await other.StopInstances({ [product.ids]: [id] })).RequestId);
        const described = await product.describe(other, id);
        assert.deepEqual(described.map((i) => i.InstanceId), [id]);
        assert.ok(['STOPPING', 'STOPPED'].includes(described[0].InstanceState), described[0].InstanceState);
        assertRequestId((await other.StartInstances({ [product.ids]: [id] })).RequestId);
        assert.ok(['STARTING', 'RUNNING'].includes(await emu.stateOf(product.name, id)));
      });
    }

    it('rejects stopping a STOPPED instance with the documented code, and it stays STOPPED', async () => {
      const [id] = await emu.createInstances(product.name, 'STOPPED');
      const e = await rejection(stop([id]));
      assert.ok(product.stoppedCodes.includes(e.code), `code ${e.code}, documented ${product.stoppedCodes}`);
      assertRequestId(e.requestId);
      assert.equal(await emu.stateOf(product.name, id), 'STOPPED');
    });

    it('rejects an id of the wrong form with the documented code', async () => {
      const e = await rejection(stop([`${product.idPrefix}1122`]));
      assert.ok(product.malformedCodes.includes(e.code), `code ${e.code}, documented ${product.malformedCodes}`);
    });

    if (product.notFoundCodes) {
      it('rejects a well-formed id that names no instance with the documented code', async () => {
        await emu.createInstances(product.name, 'RUNNING'); // the account is not empty
        const id = randomId(product.idPrefix, 8);
        assert.equal(await emu.stateOf(product.name, id), undefined);
        const e = await rejection(stop([id]));
        assert.ok(product.notFoundCodes.includes(e.code), `code ${e.code}, documented ${product.notFoundCodes}`);
      });
    }
  });
}

module.exports = { tencentProductTests, tencentClient, rejection };
