import { Inject, Injectable, Logger, OnModuleDestroy } from '@nestjs/common';
import * as fs from 'node:fs';
import * as net from 'node:net';
import * as tls from 'node:tls';
import { APP_CONFIG, AppConfig } from '../../../engine/config/config';
import { MachineLoginService } from '../sip/machine-login.service';
import { SelfCheckService } from '../sip/self-check.service';
import { SipConnection } from './sip-connection';

/**
 * The SIP2 server for self-check machines: one TCP port (SIP2_PORT) for every city, TLS when
 * SIP2_TLS_CERT and SIP2_TLS_KEY are set. It keeps no state beyond its open connections
 * (machines, cities and loans are in PostgreSQL), so several instances may serve behind a
 * TCP load balancer like the API. Started by the API process when SIP2_PORT is set
 * (startup.ts), or alone with `npm run cli -- sip2`.
 */
@Injectable()
export class Sip2Server implements OnModuleDestroy {
  private readonly log = new Logger('SIP2');
  private server?: net.Server;
  private readonly connections = new Set<SipConnection>();

  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly login: MachineLoginService,
    private readonly selfCheck: SelfCheckService,
  ) {}

  /** Listens on the configured port; resolves with the port bound (SIP2_PORT=0 takes a free one). */
  async start(): Promise<{ port: number; host: string; tls: boolean }> {
    const settings = this.config.sip2;
    if (!settings) throw new Error('SIP2 is off: set SIP2_PORT (e.g. SIP2_PORT=6001) to serve self-check machines');
    if (this.server) throw new Error('the SIP2 server is already running');
    const accept = (socket: net.Socket) => {
      const connection = new SipConnection(socket, { login: this.login, selfCheck: this.selfCheck, idleMs: settings.idleSeconds * 1000, log: this.log });
      this.connections.add(connection);
      socket.on('close', () => this.connections.delete(connection));
    };
    let server: net.Server;
    if (settings.tls) {
      const read = (file: string, variable: string) => {
        try {
          return fs.readFileSync(file);
        } catch (e) {
          throw new Error(`${variable}: cannot read ${file} (${(e as Error).message})`);
        }
      };
      const options = { cert: read(settings.tls.certFile, 'SIP2_TLS_CERT'), key: read(settings.tls.keyFile, 'SIP2_TLS_KEY'), minVersion: 'TLSv1.2' as const, allowHalfOpen: true };
      server = tls.createServer(options, accept);
      server.on('tlsClientError', (e, socket) => {
        this.log.log(`TLS handshake failed from ${socket.remoteAddress}: ${e.message}`);
        socket.destroy();
      });
    } else {
      server = net.createServer({ allowHalfOpen: true }, accept);
    }
    server.on('error', (e) => this.log.error(`SIP2 server: ${e.message}`));
    await new Promise<void>((resolve, reject) => {
      const failed = (e: Error) => reject(new Error(`SIP2_PORT ${settings.port} on ${settings.host}: ${e.message}`));
      server.once('error', failed);
      server.listen(settings.port, settings.host, () => {
        server.off('error', failed);
        resolve();
      });
    });
    this.server = server;
    const port = (server.address() as net.AddressInfo).port;
    this.log.log(`listening on ${settings.host}:${port}${settings.tls ? ' (TLS)' : ''}`);
    return { port, host: settings.host, tls: !!settings.tls };
  }

  async stop(): Promise<void> {
    const server = this.server;
    if (!server) return;
    this.server = undefined;
    for (const c of this.connections) c.close('SIP_SERVER_STOPPED');
    await new Promise<void>((resolve) => server.close(() => resolve()));
  }

  async onModuleDestroy(): Promise<void> {
    await this.stop();
  }
}
