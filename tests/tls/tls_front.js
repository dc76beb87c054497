// A TLS-terminating front for the emulator, as a real account is reached: HTTPS with a
// certificate the client must verify. Listens on a port the system picks, prints it, and pipes
// every connection to the plain-HTTP upstream.
// usage: node tls_front.js CERT.pem KEY.pem UPSTREAM_PORT
'use strict';
const fs = require('fs');
const net = require('net');
const tls = require('tls');

const [cert, key, upstream] = process.argv.slice(2);
const server = tls.createServer({cert: fs.readFileSync(cert), key: fs.readFileSync(key)}, (client) => {
  const up = net.connect(Number(upstream), '127.0.0.1');
  client.pipe(up).pipe(client);
  const close = () => { client.destroy(); up.destroy(); };
  client.on('error', close);
  up.on('error', close);
});
// A client that refuses the certificate ends the handshake; that is the test, not a failure.
server.on('tlsClientError', () => {});
server.listen(0, '127.0.0.1', () => console.log(`listening on ${server.address().port}`));
