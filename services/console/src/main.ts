import 'reflect-metadata';
import { NestFactory } from '@nestjs/core';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { loadConfig, securityHeaders } from '@training-ledger/platform';
import express from 'express';
import { checkOidcTransport, ConsoleConfig, devSignInAllowed } from './config';
import { ConsoleModule } from './console.module';
import { serviceProxies } from './proxies';
import { singlePageApp } from './web-routes';

/** The console's application, not yet listening. */
export async function createConsoleApp(config: ConsoleConfig, options: { readonly logger?: false } = {}): Promise<NestExpressApplication> {
  // No body parser in front of the proxies: request bodies pass to the services as they came.
  const app = await NestFactory.create<NestExpressApplication>(ConsoleModule.forRoot(config), { bodyParser: false, abortOnError: false, ...options });
  app.disable('x-powered-by');
  checkOidcTransport(config);
  // The provider's token endpoint is fetched, and silent renewal frames the provider and then the console itself.
  const provider = config.CONSOLE_OIDC_AUTHORITY ? [new URL(config.CONSOLE_OIDC_AUTHORITY).origin] : [];
  app.use(
    securityHeaders({
      fontSrc: ["'self'"],
      connectSrc: ["'self'", ...provider],
      frameSrc: ["'self'", ...provider],
      frameAncestors: ["'self'"],
      baseUri: ["'self'"],
      formAction: ["'self'"],
    }),
  );
  for (const proxy of serviceProxies(config)) app.use(proxy.path, proxy.handler);
  app.use('/dev', express.json({ limit: '4kb' }));
  app.use(...singlePageApp(config.CONSOLE_WEB_DIR));
  return app;
}

async function main(): Promise<void> {
  const config = loadConfig(ConsoleConfig);
  const app = await createConsoleApp(config);
  app.enableShutdownHooks();
  await app.listen(config.PORT);
  const url = (await app.getUrl()).replace('[::1]', '127.0.0.1');
  process.stdout.write(`Training Ledger console listening on ${url}${devSignInAllowed(config) ? ' (development sign-in on)' : ''}\n`);
}

if (require.main === module) {
  main().catch((error: unknown) => {
    process.stderr.write(`Console failed to start: ${error instanceof Error ? error.message : String(error)}\n`);
    process.exit(1);
  });
}
