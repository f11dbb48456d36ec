/**
 * The parts of the answers the screens read. The services' OpenAPI documents do not yet describe
 * these response bodies (the generated types say `unknown`), so the screens name what they rely on here.
 */
export interface Lag {
  readonly events: number;
  readonly atLeast: boolean;
}

/** Any service's GET /status (libs/service-runtime RuntimeStatus). */
export interface RuntimeStatusView {
  readonly service: string;
  readonly checkedAt: string;
  readonly warnings: readonly string[];
  readonly relay: { readonly state: string; readonly topic: string; readonly lag: Lag; readonly lastError: string | null } | null;
  readonly consumers: readonly { readonly group: string; readonly state: string; readonly lag: number; readonly lastError: string | null }[];
  readonly setAside: { readonly total: number };
}

interface ByTargetGroup<T> {
  readonly regular: T;
  readonly nonRegular: T;
}

export interface ProgressFiguresView {
  readonly roster: ByTargetGroup<number>;
  readonly trained: ByTargetGroup<number>;
  readonly share: ByTargetGroup<string | null>;
  readonly band: ByTargetGroup<string>;
  readonly learnerTimes: number;
}

/** Reporting's GET /progress for a role that sees every agency (services/reporting live-progress). */
export interface ProgressView {
  readonly asOf: string;
  readonly phase: { readonly id: string; readonly nameVi: string; readonly nameEn: string } | null;
  readonly national: ProgressFiguresView;
  readonly agencies: readonly (ProgressFiguresView & { readonly agencyId: string; readonly nameVi: string | null })[];
  readonly runsCompleted: number;
}
