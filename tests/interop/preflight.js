'use strict';
// Preloaded (`node --require`) before the interop tests: without the SDKs installed, say how to
// install them in one line instead of a stack trace per test file.
const SDKS = [
  'tencentcloud-sdk-nodejs',
  '@alicloud/ecs20140526',
  '@alicloud/openapi-client',
  'ecs20140526-v7',
  '@alicloud/openapi-core',
  '@alicloud/pop-core',
];
try {
  for (const name of SDKS) require.resolve(name, { paths: [__dirname] });
} catch {
  process.stderr.write('the official SDKs are not installed: run bash scripts/install-deps --with interop\n');
  process.exit(1);
}
