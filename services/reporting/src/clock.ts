/** The token reporting's clock is injected by; the clock itself is `Clock` from the platform. */
export const REPORTING_CLOCK = 'reporting:clock';
