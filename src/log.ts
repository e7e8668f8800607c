import { type Logger, pino } from 'pino';

export type { Logger };

/** JSON logs; modules take a child (`log.child({ module: 'wizard' })`). Personal data stays out of info. */
export function createLogger(level: string, destination?: NodeJS.WritableStream): Logger {
  return pino(
    {
      level,
      base: { app: 'dealbot' },
      redact: { paths: ['*.password', '*.MicrosoftAppPassword', 'req.headers.authorization'], censor: '[redacted]' },
    },
    destination ?? process.stdout,
  );
}
