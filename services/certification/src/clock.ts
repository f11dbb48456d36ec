/** The token certification's clock is injected by; the clock itself is `Clock` from the platform. */
export const CERTIFICATION_CLOCK = 'certification:clock';
