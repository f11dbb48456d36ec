import { Controller, Get, Inject } from '@nestjs/common';
import { ConsoleConfig, signInOptions, type SignInOptions } from './config';

/** Tells the single-page app where users sign in: the ministry's provider, the development page, or both. */
@Controller('sign-in-options')
export class SignInOptionsController {
  constructor(@Inject(ConsoleConfig) private readonly config: ConsoleConfig) {}

  @Get()
  options(): SignInOptions {
    return signInOptions(this.config);
  }
}
