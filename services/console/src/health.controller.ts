import { Controller, Get } from '@nestjs/common';

/** The console holds no data and needs no server of its own: alive is ready. */
@Controller()
export class ConsoleHealthController {
  @Get(['health', 'ready'])
  health(): { status: 'ok' } {
    return { status: 'ok' };
  }
}
