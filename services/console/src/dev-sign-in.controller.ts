import { BadRequestException, Body, Controller, Get, HttpCode, Inject, NotFoundException, Post } from '@nestjs/common';
import { AGENCY_BOUND_ROLES, isRole, mintToken, readPrivateKey, type Role, ROLES } from '@training-ledger/auth';
import { ConsoleConfig, devSignInAllowed } from './config';

const AGENCY_CODE = /^[A-Z0-9][A-Z0-9-]{0,31}$/;
/** Roles whose token names the training institution it acts for. */
const INSTITUTION_BOUND_ROLES: readonly Role[] = ['institution-integration'];

/**
 * Development and simulation only: mints a short-lived token for the role chosen on the sign-in page,
 * with the local signing keys. In production there is no such page: every call answers 404.
 */
@Controller('dev/sign-in')
export class DevSignInController {
  constructor(@Inject(ConsoleConfig) private readonly config: ConsoleConfig) {}

  @Get()
  options(): { roles: readonly string[]; agencyBoundRoles: readonly string[]; institutionBoundRoles: readonly string[] } {
    this.refuseOutsideDevelopment();
    return { roles: ROLES, agencyBoundRoles: AGENCY_BOUND_ROLES, institutionBoundRoles: INSTITUTION_BOUND_ROLES };
  }

  @Post()
  @HttpCode(200)
  async signIn(@Body() body: unknown): Promise<{ token: string }> {
    this.refuseOutsideDevelopment();
    const { role, agencyId, institutionId } = (body ?? {}) as { role?: unknown; agencyId?: unknown; institutionId?: unknown };
    if (!isRole(role)) throw new BadRequestException(`role must be one of ${ROLES.join(', ')}`);
    const agencyBound = AGENCY_BOUND_ROLES.includes(role);
    if (agencyBound && (typeof agencyId !== 'string' || !AGENCY_CODE.test(agencyId))) {
      throw new BadRequestException('agencyId (an agency code such as BNV) is required for an agency-bound role');
    }
    const institutionBound = INSTITUTION_BOUND_ROLES.includes(role);
    if (institutionBound && (typeof institutionId !== 'string' || !AGENCY_CODE.test(institutionId))) {
      throw new BadRequestException('institutionId (an institution code such as HVNG) is required for an institution role');
    }
    const boundTo = agencyBound ? `@${String(agencyId)}` : institutionBound ? `@${String(institutionId)}` : '';
    const token = await mintToken({
      privateJwk: readPrivateKey(this.config.CONSOLE_DEV_KEYS_DIR as string, 'EdDSA'),
      roles: [role],
      subject: `console:${role}${boundTo}`,
      agencyId: agencyBound ? (agencyId as string) : undefined,
      institutionId: institutionBound ? (institutionId as string) : undefined,
      ttl: '2h',
      issuer: this.config.CONSOLE_DEV_TOKEN_ISSUER,
      audience: this.config.CONSOLE_DEV_TOKEN_AUDIENCE,
    });
    return { token };
  }

  private refuseOutsideDevelopment(): void {
    if (!devSignInAllowed(this.config)) throw new NotFoundException();
  }
}
