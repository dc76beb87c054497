'use strict';
// ECS through the current major of the same SDK, @alicloud/ecs20140526 7.x, which moved from
// @alicloud/openapi-client to its successor @alicloud/openapi-core: what `npm install
// @alicloud/ecs20140526` gives a user today (installed here under the alias ecs20140526-v7).
// Signed ACS3-HMAC-SHA256 (V3).
const Ecs = require('ecs20140526-v7');
const { $OpenApiUtil } = require('@alicloud/openapi-core');
const { alibabaEcsTests } = require('./alibaba');
const { generatedClientAdapter } = require('./alibaba-generated');

// openapi-core throws ClientError (4xx) / ServerError (5xx) / ThrottlingError with `code`,
// `statusCode`, `requestId` and the parsed error body as `data`.
function rejected(e) {
  if (!e.data || e.statusCode === undefined) throw e;
  return { code: e.code, dataCode: e.data.Code, status: e.statusCode, requestId: e.requestId };
}

function makeSdk(emu, regionId) {
  const client = new Ecs.default(
    new $OpenApiUtil.Config({
      accessKeyId: emu.alibaba.accessKeyId,
      accessKeySecret: emu.alibaba.accessKeySecret,
      endpoint: emu.host,
      protocol: 'HTTP',
      regionId,
    }),
  );
  return generatedClientAdapter(Ecs, client, regionId, rejected);
}

alibabaEcsTests('@alicloud/ecs20140526 7.x with @alicloud/openapi-core (V3, ACS3-HMAC-SHA256)', makeSdk);
