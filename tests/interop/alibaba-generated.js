'use strict';
// The adapter of alibaba.js for the generated ECS client (@alicloud/ecs20140526, 4.x and 7.x
// alike): typed requests in, typed models out (camelCase fields of the parsed body).
function generatedClientAdapter(Ecs, client, regionId, rejected) {
  const results = (body) =>
    ((body.instanceResponses && body.instanceResponses.instanceResponse) || []).map((x) => ({
      instanceId: x.instanceId,
      code: x.code,
      previousStatus: x.previousStatus,
      currentStatus: x.currentStatus,
    }));
  const answer = (r) => ({ requestId: r.body.requestId, status: r.statusCode, results: results(r.body) });
  const listed = (r, list) => ({
    requestId: r.body.requestId,
    instances: (list || []).map((i) => ({ id: i.instanceId, status: i.status })),
  });
  return {
    async stopInstances({ ids, batchOptimization, dryRun }) {
      const req = new Ecs.StopInstancesRequest({ regionId, instanceId: ids, batchOptimization, dryRun });
      return answer(await client.stopInstances(req));
    },
    async startInstances({ ids }) {
      return answer(await client.startInstances(new Ecs.StartInstancesRequest({ regionId, instanceId: ids })));
    },
    async stopInstance({ id, dryRun }) {
      return answer(await client.stopInstance(new Ecs.StopInstanceRequest({ instanceId: id, dryRun })));
    },
    async startInstance({ id }) {
      return answer(await client.startInstance(new Ecs.StartInstanceRequest({ instanceId: id })));
    },
    async describeInstances(ids) {
      // DescribeInstances takes its ids as one JSON-array string.
      const req = new Ecs.DescribeInstancesRequest({ regionId, instanceIds: JSON.stringify(ids) });
      const r = await client.describeInstances(req);
      return listed(r, r.body.instances && r.body.instances.instance);
    },
    async describeInstanceStatus(ids) {
      const req = new Ecs.DescribeInstanceStatusRequest({ regionId, instanceId: ids });
      const r = await client.describeInstanceStatus(req);
      return listed(r, r.body.instanceStatuses && r.body.instanceStatuses.instanceStatus);
    },
    rejected,
  };
}

module.exports = { generatedClientAdapter };
