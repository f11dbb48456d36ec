import { Module, type DynamicModule } from '@nestjs/common';
import { ConsoleConfig } from './config';
import { DevSignInController } from './dev-sign-in.controller';
import { ConsoleHealthController } from './health.controller';
import { SignInOptionsController } from './sign-in-options.controller';

@Module({})
export class ConsoleModule {
  static forRoot(config: ConsoleConfig): DynamicModule {
    return {
      module: ConsoleModule,
      controllers: [ConsoleHealthController, DevSignInController, SignInOptionsController],
      providers: [{ provide: ConsoleConfig, useValue: config }],
    };
  }
}
