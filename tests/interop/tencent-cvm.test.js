'use strict';
// CVM 2017-03-12 through tencentcloud-sdk-nodejs: StopInstances, DescribeInstances,
// DescribeInstancesStatus, StartInstances.
const assert = require('node:assert/strict');
const tencentcloud = require('tencentcloud-sdk-nodejs');
const { tencentProductTests } = require('./tencent');

tencentProductTests({
  name: 'cvm',
  Client: tencentcloud.cvm.v20170312.Client,
  idPrefix: 'ins-',
  ids: 'InstanceIds',
  async describe(client, id) {
    const { InstanceSet, TotalCount, RequestId } = await client.DescribeInstances({ InstanceIds: [id] });
    assert.ok(RequestId);
    assert.equal(TotalCount, InstanceSet.length);
    // DescribeInstancesStatus must agree with DescribeInstances.
    const status = await client.DescribeInstancesStatus({ InstanceIds: [id] });
    assert.deepEqual(
      status.InstanceStatusSet.map((s) => [s.InstanceId, s.InstanceState]),
      InstanceSet.map((s) => [s.InstanceId, s.InstanceState]),
    );
    return InstanceSet;
  },
  // protocols.md A7 (the current CVM reference; the 2017 seed page lists no state codes).
  stoppedCodes: ['UnsupportedOperation.InstanceStateStopped'],
  // seed 002: "InvalidInstanceId.NotFound", "InvalidInstanceId.Malformed ... ins-1122".
  notFoundCodes: ['InvalidInstanceId.NotFound'],
  malformedCodes: ['InvalidInstanceId.Malformed', 'InvalidParameterValue.InstanceIdMalformed'],
});
