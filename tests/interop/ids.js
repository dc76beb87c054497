'use strict';
const { randomInt } = require('node:crypto');

// A well-formed instance id (prefix + lower-case letters and digits) that the emulator never
// handed out, for "names no instance" cases; callers confirm its absence via the control plane.
function randomId(prefix, length) {
  const alphabet = 'abcdefghijklmnopqrstuvwxyz0123456789';
  let id = prefix;
  for (let i = 0; i < length; i++) id += alphabet[randomInt(alphabet.length)];
  return id;
}

module.exports = { randomId };
