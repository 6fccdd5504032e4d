// A free TCP port on 127.0.0.1, for the servers the test scripts start (never 5432, which a
// system PostgreSQL may hold): the test suites' embedded PostgreSQL, the Citus cluster's nodes.
import net from 'node:net';

export function freePort() {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.on('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address();
      srv.close(() => resolve(port));
    });
  });
}
