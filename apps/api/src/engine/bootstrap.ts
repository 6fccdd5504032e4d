import { INestApplication, Logger, LogLevel } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { NestExpressApplication } from '@nestjs/platform-express';
import { DocumentBuilder, SwaggerModule } from '@nestjs/swagger';
import cookieParser from 'cookie-parser';
import type { NextFunction, Request, Response } from 'express';
import * as express from 'express';
import { DataSource } from 'typeorm';
import { AppModule } from '../app.module';
import { AppConfig } from './config/config';
import { migratePlatform } from './database/platform-migrations';
import { bodyParserProblem, isBodyParserError, problemFor, sendProblem } from './errors/problem.filter';
import { createValidationPipe } from './errors/validation';
import { mountStaticApps } from './http/static-apps';

function logLevels(level: AppConfig['logLevel']): LogLevel[] | false {
  const all: LogLevel[] = ['error', 'warn', 'log', 'debug'];
  if (level === 'silent') return false;
  return all.slice(0, all.indexOf(level) + 1);
}

/**
 * Builds the HTTP application (used by main.ts, the tests and the benchmarks): body limits,
 * problem+json for every error, validation, cookies, OpenAPI, and the built web apps.
 */
export async function createApp(config: AppConfig, databaseUrl: string): Promise<NestExpressApplication> {
  const app = await NestFactory.create<NestExpressApplication>(AppModule.forRoot(config, databaseUrl), {
    bodyParser: false,
    logger: logLevels(config.logLevel),
  });
  const ds = app.get(DataSource);
  await migratePlatform(ds);

  if (config.trustProxy) app.set('trust proxy', 1);
  app.disable('x-powered-by');
  app.use((_req: Request, res: Response, next: NextFunction) => {
    res.setHeader('X-Content-Type-Options', 'nosniff');
    res.setHeader('Referrer-Policy', 'same-origin');
    res.setHeader('X-Frame-Options', 'SAMEORIGIN');
    next();
  });
  app.use('/api', express.json({ limit: config.bodyLimit }));
  app.use('/api', express.urlencoded({ extended: false, limit: config.bodyLimit }));
  app.use((err: unknown, _req: Request, res: Response, next: NextFunction) => {
    if (isBodyParserError(err)) return sendProblem(res, bodyParserProblem(err));
    next(err);
  });
  app.use(cookieParser());
  app.setGlobalPrefix('api');
  app.useGlobalPipes(createValidationPipe());

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
  SwaggerModule.setup('api/docs', app, doc, { jsonDocumentUrl: 'api/docs-json' });

  const expressApp = app.getHttpAdapter().getInstance() as express.Express;
  mountStaticApps(expressApp, config.staticDir);
  await app.init();
  // Unknown /api paths answer problem+json, like everything else under /api.
  expressApp.use('/api', (_req: Request, res: Response) => sendProblem(res, problemFor('NOT_FOUND')));
  return app;
}

export async function closeApp(app: INestApplication): Promise<void> {
  await app.close();
  Logger.flush();
}
