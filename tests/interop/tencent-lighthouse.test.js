'use strict';
// Lighthouse 2020-03-24 through tencentcloud-sdk-nodejs: StopInstances, DescribeInstances,
// StartInstances.
const assert = require('node:assert/strict');
const tencentcloud = require('tencentcloud-sdk-nodejs');
const { tencentProductTests } = require('./tencent');

tencentProductTests({
  name: 'lighthouse',
  Client: tencentcloud.lighthouse.v20200324.Client,
  idPrefix: 'lhins-',
  ids: 'InstanceIds',
  async describe(client, id) {
    const { InstanceSet, TotalCount, RequestId } = await client.DescribeInstances({ InstanceIds: [id] });
    assert.ok(RequestId);
    assert.equal(TotalCount, InstanceSet.length);
    return InstanceSet;
  },
  // seed 001: "UnsupportedOperation.InvalidInstanceState", "ResourceNotFound.InstanceIdNotFound",
  // "ResourceNotFound.InstanceNotFound", "InvalidParameterValue.InstanceIdMalformed".
  stoppedCodes: ['UnsupportedOperation.InvalidInstanceState'],
  notFoundCodes: ['ResourceNotFound.InstanceIdNotFound', 'ResourceNotFound.InstanceNotFound'],
  malformedCodes: ['InvalidParameterValue.InstanceIdMalformed'],
});
