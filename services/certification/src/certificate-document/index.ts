export * from './certificate-pdf';
export * from './vietnamese-dates';
