import { NestExpressApplication } from '@nestjs/platform-express';

/** Commands that domain modules add to the CLI (e.g. `import`), keyed by their first word. */
export type CliCommand = (app: NestExpressApplication, positional: string[], rawArgs: string[]) => Promise<number>;

export const cliCommands: Record<string, CliCommand> = {};
