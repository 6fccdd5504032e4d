import { Injectable, Logger, OnApplicationShutdown, OnModuleInit } from '@nestjs/common';
import { HttpAdapterHost } from '@nestjs/core';
import type { Express, NextFunction, Request, Response } from 'express';
import { AddressInfo } from 'node:net';
import { SMTPServer } from 'smtp-server';
import { SessionStrategy } from '../../../engine/auth/session.strategy';
import type { Principal } from '../../../engine/auth/sessions.service';
import { problemFor, sendProblem } from '../../../engine/errors/problem.filter';
import { CaughtMail, mailPage, signInPage } from './mail-page';
import { parseMail } from './parse-mail';

const KEEP = 500;
const MAX_MESSAGE_BYTES = 5 * 1024 * 1024;

/**
 * The demo's mail catcher: with DEMO on and no SMTP_URL, start-up runs an in-process SMTP
 * server on a free local port, points the MailSender at it, and the API shows what arrived
 * at `/mail/` (newest first). Mails live in memory only (the last 500).
 *
 * The `/mail` route is mounted while the app initialises (before Nest's not-found handler)
 * and answers only while the catcher runs; otherwise `/mail/` is an ordinary 404.
 *
 * It shows every city's mail, password-reset links included, so only the regional admin
 * (広域管理者) may read it: signed in to the admin console (its session cookie goes with the
 * banner's link) or with a bearer token. Anyone else gets a page that says where to sign in.
 */
@Injectable()
export class MailCatcher implements OnModuleInit, OnApplicationShutdown {
  private readonly log = new Logger('MailCatcher');
  private server?: SMTPServer;
  private port?: number;
  private mails: CaughtMail[] = [];
  private seq = 0;

  constructor(
    private readonly adapterHost: HttpAdapterHost,
    private readonly sessions: SessionStrategy,
  ) {}

  onModuleInit(): void {
    const app = this.adapterHost.httpAdapter?.getInstance?.() as Express | undefined;
    if (!app || typeof app.use !== 'function') return;
    app.use('/mail', (req: Request, res: Response, next: NextFunction) => this.handle(req, res, next).catch(next));
  }

  async onApplicationShutdown(): Promise<void> {
    await this.stop();
  }

  get running(): boolean {
    return !!this.server;
  }

  get smtpUrl(): string | undefined {
    return this.port ? `smtp://127.0.0.1:${this.port}` : undefined;
  }

  /** Newest first. */
  received(): CaughtMail[] {
    return [...this.mails].reverse();
  }

  /** Starts the SMTP server on a free local port (idempotent); returns its URL for MailSender.useSmtpUrl. */
  async start(): Promise<{ smtpUrl: string; port: number }> {
    if (this.server && this.port) return { smtpUrl: this.smtpUrl!, port: this.port };
    const server = new SMTPServer({
      authOptional: true,
      disabledCommands: ['STARTTLS'],
      logger: false,
      size: MAX_MESSAGE_BYTES,
      onData: (stream, _session, callback) => {
        const chunks: Buffer[] = [];
        stream.on('data', (c: Buffer) => chunks.push(c));
        stream.on('end', () => {
          try {
            const m = parseMail(Buffer.concat(chunks).toString('latin1'));
            this.mails.push({ id: ++this.seq, receivedAt: new Date(), ...m });
            if (this.mails.length > KEEP) this.mails.splice(0, this.mails.length - KEEP);
          } catch (e) {
            this.log.warn(`could not read a received mail: ${(e as Error).message}`);
          }
          callback();
        });
      },
    });
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(0, '127.0.0.1', () => resolve());
    });
    server.on('error', (e) => this.log.warn(e.message));
    this.server = server;
    this.port = (server.server.address() as AddressInfo).port;
    return { smtpUrl: this.smtpUrl!, port: this.port };
  }

  async stop(): Promise<void> {
    const server = this.server;
    this.server = undefined;
    this.port = undefined;
    if (server) await new Promise<void>((resolve) => server.close(() => resolve()));
  }

  /** The regional admin, signed in (not still on a temporary password): 'admin'; else who it is not. */
  private async reader(req: Request): Promise<'admin' | 'anonymous' | 'other'> {
    const user = (await this.sessions.validate(req)) as Principal | { anonymous: true };
    if ('anonymous' in user) return 'anonymous';
    return user.kind === 'staff' && user.role === 'platform-admin' && !user.mustChangePassword ? 'admin' : 'other';
  }

  private async handle(req: Request, res: Response, next: NextFunction): Promise<void> {
    if (!this.server || req.method !== 'GET') return next();
    if (req.path !== '/' && req.path !== '/messages.json') return next();
    if (req.path === '/' && !req.originalUrl.split('?')[0].endsWith('/')) {
      res.redirect(302, `${req.baseUrl}/`);
      return;
    }
    const reader = await this.reader(req);
    res.set('Cache-Control', 'no-store');
    if (reader !== 'admin') {
      if (req.path === '/messages.json') return sendProblem(res, problemFor(reader === 'anonymous' ? 'UNAUTHENTICATED' : 'FORBIDDEN'));
      res
        .status(reader === 'anonymous' ? 401 : 403)
        .type('html')
        .set('Content-Security-Policy', "default-src 'none'; style-src 'unsafe-inline'")
        .send(signInPage(reader === 'anonymous' ? 'sign-in' : 'not-regional-admin'));
      return;
    }
    if (req.path === '/messages.json') {
      res.json(this.received());
      return;
    }
    res
      .type('html')
      .set('Content-Security-Policy', "default-src 'none'; style-src 'unsafe-inline'")
      .send(mailPage(this.received(), `127.0.0.1:${this.port}`));
  }
}
