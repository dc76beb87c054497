'use strict';
// ECS through @alicloud/ecs20140526 4.x on @alicloud/openapi-client: RPC style, POST, parameters
// in the query, signed ACS3-HMAC-SHA256 (V3) by default or HMAC-SHA1 (V2) with
// `signatureAlgorithm: "v2"`. Pointed at the emulator with `endpoint` = host:port and
// `protocol: "HTTP"`, as a user would.
const Ecs = require('@alicloud/ecs20140526');
const OpenApi = require('@alicloud/openapi-client');
const { alibabaEcsTests } = require('./alibaba');
const { generatedClientAdapter } = require('./alibaba-generated');

// openapi-client throws a tea error: `code` is the body's Code, `data` the parsed error body
// plus the HTTP `statusCode`.
function rejected(e) {
  if (!e.data) throw e;
  return { code: e.code, dataCode: e.data.Code, status: e.data.statusCode, requestId: e.data.RequestId };
}

const makeSdk = (extraConfig) => (emu, regionId) => {
  const client = new Ecs.default(
    new OpenApi.Config({
      accessKeyId: emu.alibaba.accessKeyId,
      accessKeySecret: emu.alibaba.accessKeySecret,
      endpoint: emu.host,
      protocol: 'HTTP',
      regionId,
      ...extraConfig,
    }),
  );
  return generatedClientAdapter(Ecs, client, regionId, rejected);
};

alibabaEcsTests('@alicloud/ecs20140526 4.x with @alicloud/openapi-client (V3, ACS3-HMAC-SHA256)', makeSdk({}));
alibabaEcsTests(
  '@alicloud/ecs20140526 4.x with @alicloud/openapi-client, signatureAlgorithm v2 (HMAC-SHA1)',
  makeSdk({ signatureAlgorithm: 'v2' }),
);
