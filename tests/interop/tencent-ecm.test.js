'use strict';
// ECM 2019-07-19 through tencentcloud-sdk-nodejs: StopInstances and StartInstances take
// InstanceIdSet; DescribeInstances filters by instance-id.
const assert = require('node:assert/strict');
const tencentcloud = require('tencentcloud-sdk-nodejs');
const { tencentProductTests } = require('./tencent');

tencentProductTests({
  name: 'ecm',
  Client: tencentcloud.ecm.v20190719.Client,
  idPrefix: 'ein-',
  ids: 'InstanceIdSet',
  async describe(client, id) {
    const { InstanceSet, TotalCount, RequestId } = await client.DescribeInstances({
      Filters: [{ Name: 'instance-id', Values: [id] }],
    });
    assert.ok(RequestId);
    assert.equal(TotalCount, (InstanceSet || []).length);
    return InstanceSet || [];
  },
  // seed 000: "ResourceUnavailable.InstanceNotRunning", "InvalidParameterValue.InvalidInstanceID".
  // The page lists no not-found code, so there is nothing to assert for a nonexistent id.
  stoppedCodes: ['ResourceUnavailable.InstanceNotRunning'],
  notFoundCodes: null,
  malformedCodes: ['InvalidParameterValue.InvalidInstanceID'],
});
