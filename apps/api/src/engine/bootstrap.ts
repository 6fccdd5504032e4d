import { INestApplication, Logger, LogLevel } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { ExpressAdapter, NestExpressApplication } from '@nestjs/platform-express';
import { DocumentBuilder, SwaggerModule } from '@nestjs/swagger';
import cookieParser from 'cookie-parser';
import type { NextFunction, Request, Response } from 'express';
import express from 'express';
import { DataSource } from 'typeorm';
import { AppModule } from '../app.module';
import { syncSessionHint } from './auth/cookies';
import { AppConfig } from './config/config';
import { probeCitus } from './database/citus';
import { DatabaseKind } from './database/database-kind';
import { migratePlatform } from './database/platform-migrations';
import { DatabaseErrors } from './database/connection-errors';
import { DatabaseServer, DatabaseWatchdog } from './database/database-watchdog.service';
import { bodyParserProblem, isBodyParserError, problemFor, problemOf, sendProblem } from './errors/problem.filter';
import { createValidationPipe } from './errors/validation';
import { jsonBody } from './http/json-body';
import { countRequestsInFlight } from './http/requests-in-flight';
import { addContractSchemas, documentAnswers } from './openapi/api-answer';
import { PublicReadRoutes } from './http/public-read-route';
import { mountStaticApps, OPAC_PAGE_RENDERER, OpacPageRenderer } from './http/static-apps';

function logLevels(level: AppConfig['logLevel']): LogLevel[] | false {
  const all: LogLevel[] = ['error', 'warn', 'log', 'debug'];
  if (level === 'silent') return false;
  return all.slice(0, all.indexOf(level) + 1);
}

/**
 * Builds the HTTP application (used by main.ts, the tests and the benchmarks): body limits,
 * problem+json for every error, validation, cookies, OpenAPI, and the built web apps.
 * `database` adds what main.ts knows of the database: the embedded server to restart, what to
 * do when the database stays away (DatabaseWatchdog).
 */
export async function createApp(
  config: AppConfig,
  databaseUrl: string,
  database: Omit<DatabaseServer, 'url'> = {},
): Promise<NestExpressApplication> {
  // `/api/T/koga/…` is not `/api/t/koga/…`: the tenant middleware matches the exact prefix, so
  // the routes must too (a mixed-case path reached a handler with no tenant). Express reads
  // the setting once, when Nest's adapter first touches the router: set it before that.
  const server = express();
  server.set('case sensitive routing', true);
  const kind = new DatabaseKind(await probeCitus(databaseUrl));
  const app = await NestFactory.create<NestExpressApplication>(AppModule.forRoot(config, { ...database, url: databaseUrl }, kind), new ExpressAdapter(server), {
    bodyParser: false,
    logger: logLevels(config.logLevel),
  });
  const ds = app.get(DataSource);
  await migratePlatform(ds);

  // whom to believe about the client's address and TLS: nobody, N hops, or listed proxies (TRUST_PROXY)
  app.set('trust proxy', config.trustProxy);
  app.disable('x-powered-by');
  // threads working beside the requests (a catalogue import) give way while any is in flight
  app.use(countRequestsInFlight);
  app.use((_req: Request, res: Response, next: NextFunction) => {
    res.setHeader('X-Content-Type-Options', 'nosniff');
    res.setHeader('Referrer-Policy', 'same-origin');
    res.setHeader('X-Frame-Options', 'SAMEORIGIN');
    next();
  });
  // while the database is away, every /api request gets 503 at once instead of queueing for
  // the pool (the OpenAPI page needs no database)
  const watchdog = app.get(DatabaseWatchdog);
  app.use('/api', (req: Request, res: Response, next: NextFunction) => {
    if (watchdog.available || req.path.startsWith('/docs')) return next();
    sendProblem(res, problemFor(DatabaseErrors.DATABASE_UNAVAILABLE));
  });
  // the public reads that take no body and read no cookie (/info, /health): their GETs without
  // a cookie answered before the body and cookie parsers and Nest's pipeline (PublicReadRoutes)
  app.use(app.get(PublicReadRoutes).front());
  app.use('/api', jsonBody(config.bodyLimit));
  app.use('/api', express.urlencoded({ extended: false, limit: config.bodyLimit }));
  app.use((err: unknown, _req: Request, res: Response, next: NextFunction) => {
    if (isBodyParserError(err)) return sendProblem(res, bodyParserProblem(err));
    next(err);
  });
  app.use(cookieParser());
  app.use(syncSessionHint);
  app.setGlobalPrefix('api');
  app.useGlobalPipes(createValidationPipe());

  // the answers are libs/contracts' types (@ApiAnswer), their schemas generated from it
  documentAnswers();
  const doc = SwaggerModule.createDocument(
    app,
    new DocumentBuilder()
      .setTitle('Shiori library service API')
      .setDescription('Multi-tenant library API: platform (regional IT), tenant staff (librarians, desk) and patrons (OPAC).')
      .setVersion('0.1.0')
      .addBearerAuth()
      .addCookieAuth('sid')
      .build(),
  );
  addContractSchemas(doc);
  SwaggerModule.setup('api/docs', app, doc, { jsonDocumentUrl: 'api/docs-json' });

  mountStaticApps(server, config.staticDir, app.get<OpacPageRenderer>(OPAC_PAGE_RENDERER, { strict: false }));
  await app.init();
  // Unknown /api paths answer problem+json, like everything else under /api.
  server.use('/api', (_req: Request, res: Response) => sendProblem(res, problemFor('NOT_FOUND')));
  // errors passed on by middleware outside Nest's filters (the tenant lookup while the database is away)
  server.use((err: unknown, req: Request, res: Response, next: NextFunction) => {
    if (res.headersSent) return next(err);
    sendProblem(res, problemOf(err, req, watchdog));
  });
  return app;
}

export async function closeApp(app: INestApplication): Promise<void> {
  await app.close();
  Logger.flush();
}
