'use strict';
// ECS through @alicloud/pop-core: RPC style signed HMAC-SHA1 (V2), parameters in the query
// (GET, the default) or in a form body (method POST). Pointed at the emulator with
// `endpoint: "http://127.0.0.1:PORT"`, as a user would.
const RPCClient = require('@alicloud/pop-core');
const { alibabaEcsTests } = require('./alibaba');

// pop-core sends every key it is given, so unset options must be left out, not set to undefined.
function defined(params) {
  return Object.fromEntries(Object.entries(params).filter(([, v]) => v !== undefined));
}

function makeSdk(method) {
  return (emu, regionId) => {
    const client = new RPCClient({
      accessKeyId: emu.alibaba.accessKeyId,
      accessKeySecret: emu.alibaba.accessKeySecret,
      endpoint: emu.baseUrl,
      apiVersion: '2014-05-26',
    });
    const call = (action, params) => client.request(action, defined(params), { method });
    const results = (json) =>
      ((json.InstanceResponses && json.InstanceResponses.InstanceResponse) || []).map((x) => ({
        instanceId: x.InstanceId,
        code: String(x.Code),
        previousStatus: x.PreviousStatus,
        currentStatus: x.CurrentStatus,
      }));
    // pop-core answers the parsed body only; the HTTP status of a success is not exposed.
    const answer = (json) => ({ requestId: json.RequestId, status: undefined, results: results(json) });
    const listed = (json, outer, inner) => ({
      requestId: json.RequestId,
      instances: ((json[outer] && json[outer][inner]) || []).map((i) => ({ id: i.InstanceId, status: i.Status })),
    });
    return {
      async stopInstances({ ids, batchOptimization, dryRun }) {
        return answer(
          await call('StopInstances', { RegionId: regionId, InstanceId: ids, BatchOptimization: batchOptimization, DryRun: dryRun }),
        );
      },
      async startInstances({ ids }) {
        return answer(await call('StartInstances', { RegionId: regionId, InstanceId: ids }));
      },
      async stopInstance({ id, dryRun }) {
        return answer(await call('StopInstance', { InstanceId: id, DryRun: dryRun }));
      },
      async startInstance({ id }) {
        return answer(await call('StartInstance', { InstanceId: id }));
      },
      async describeInstances(ids) {
        const json = await call('DescribeInstances', { RegionId: regionId, InstanceIds: JSON.stringify(ids) });
        return listed(json, 'Instances', 'Instance');
      },
      async describeInstanceStatus(ids) {
        const json = await call('DescribeInstanceStatus', { RegionId: regionId, InstanceId: ids });
        return listed(json, 'InstanceStatuses', 'InstanceStatus');
      },
      // pop-core throws an Error named `<Code>Error` with `code`, the body as `data`, and the
      // exchange as `entry` (the HTTP status is in entry.response.statusCode).
      rejected(e) {
        if (!e.data || !e.entry) throw e;
        return { code: e.code, dataCode: e.data.Code, status: e.entry.response.statusCode, requestId: e.data.RequestId };
      },
    };
  };
}

alibabaEcsTests('@alicloud/pop-core (V2, HMAC-SHA1), GET with the parameters in the query', makeSdk('GET'));
alibabaEcsTests('@alicloud/pop-core (V2, HMAC-SHA1), POST with the parameters in a form body', makeSdk('POST'));
